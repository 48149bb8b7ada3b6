import { describe, expect, test } from "vitest";
import { applyPosition, readPositionEvent, totalUnrealized, type LivePosition } from "./live-position";

const base: LivePosition = {
  id: "p1",
  account_id: "a1",
  broker: "paper",
  symbol: "EURUSD",
  side: "buy",
  qty: 1,
  entry_price: 1.1,
  current_price: 1.1,
  unrealized_pnl: 0,
  realized_pnl: 0,
  stop_loss: null,
  take_profit: null,
  status: "open",
  opened_at: "2026-01-01T00:00:00.000Z",
  closed_at: null,
  tag: "breakout",
};

describe("live positions", () => {
  test("a mark updates P&L in place and keeps what events do not carry (opened_at, tag)", () => {
    const event = readPositionEvent({ position: { ...base, unrealized_pnl: 12.5, current_price: 1.1012, opened_at: undefined, tag: undefined }, reason: "mark" });
    expect(event).not.toBeNull();
    const { list, known } = applyPosition([base], event!);
    expect(known).toBe(true);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ unrealized_pnl: 12.5, current_price: 1.1012, opened_at: base.opened_at, tag: "breakout" });
  });

  test("a new open position goes on top; a closed one leaves", () => {
    const fresh = { ...base, id: "p2", opened_at: null, tag: null };
    const added = applyPosition([base], fresh);
    expect(added.known).toBe(false);
    expect(added.list.map((p) => p.id)).toEqual(["p2", "p1"]);
    const closed = applyPosition(added.list, { ...base, status: "closed", realized_pnl: 3 });
    expect(closed.list.map((p) => p.id)).toEqual(["p2"]);
    expect(applyPosition(closed.list, { ...base, status: "closed" }).list).toBe(closed.list);
  });

  test("events that are not positions are ignored", () => {
    expect(readPositionEvent({})).toBeNull();
    expect(readPositionEvent({ position: { ...base, side: "long" } })).toBeNull();
    expect(readPositionEvent({ position: { ...base, unrealized_pnl: "12" } })).toBeNull();
    expect(readPositionEvent({ position: { ...base, status: "pending" } })).toBeNull();
  });

  test("total unrealised P&L is rounded to cents", () => {
    expect(totalUnrealized([{ unrealized_pnl: 0.1 }, { unrealized_pnl: 0.2 }])).toBe(0.3);
    expect(totalUnrealized([])).toBe(0);
  });
});
