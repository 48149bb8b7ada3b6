import { describe, expect, test } from "vitest";
import { planFill } from "./fill-plan";
import type { PositionRow } from "./rows";

const long = (over: Partial<PositionRow> = {}): PositionRow =>
  ({
    id: "11111111-1111-4111-8111-111111111111",
    side: "buy",
    qty: 1,
    entry_price: 1.1,
    stop_loss: 1.095,
    take_profit: 1.11,
    trailing_stop: { distance: 0.001, stop: 1.099 },
    ...over,
  }) as PositionRow;

const order = (over: Record<string, unknown> = {}) => ({ side: "sell" as const, action: "entry", value_per_point: 100_000, stop_loss: null, take_profit: null, trailing_stop: null, ...over });

describe("planFill", () => {
  test("an opposite entry that only reduces a long keeps the long's SL, TP and trailing stop", () => {
    const plan = planFill(order({ stop_loss: 1.105, take_profit: 1.09, trailing_stop: { distance: 0.002, stop: null } }), long(), 0.4, 1.1);
    expect(plan.update).toMatchObject({ qty: 0.6, stillOpen: true, stopLoss: 1.095, takeProfit: 1.11, trailing: { distance: 0.001, stop: 1.099 }, entriesDelta: 0 });
    expect(plan.insert).toBeNull();
  });

  test("a fill that leaves the position open gives its running P&L at the fill price; a close gives 0", () => {
    expect(planFill(order(), long(), 0.4, 1.105).update).toMatchObject({ qty: 0.6, unrealizedPnl: 300, stillOpen: true });
    expect(planFill(order({ side: "buy" }), long(), 1, 1.104).update).toMatchObject({ qty: 2, entryPrice: 1.102, unrealizedPnl: 400 });
    expect(planFill(order(), long(), 1, 1.105).update).toMatchObject({ stillOpen: false, unrealizedPnl: 0 });
  });

  test("a same-side entry replaces the levels it carries", () => {
    const plan = planFill(order({ side: "buy", stop_loss: 1.097, take_profit: null }), long(), 1, 1.1);
    expect(plan.update).toMatchObject({ qty: 2, stopLoss: 1.097, takeProfit: 1.11, entriesDelta: 1 });
  });

  test("a flipping entry gives the new position the order's levels and leaves the closed one's", () => {
    const plan = planFill(order({ stop_loss: 1.105 }), long(), 1.5, 1.1);
    expect(plan.update).toMatchObject({ stillOpen: false, stopLoss: 1.095 });
    expect(plan.insert).toMatchObject({ side: "sell", qty: 0.5 });
  });

  test("an exit never opens or adds to a position", () => {
    const exit = order({ action: "exit", position_id: long().id });
    expect(planFill(exit, null, 1, 1.1)).toMatchObject({ realizedPnl: 0, update: null, insert: null, positionId: long().id });
    const short = long({ id: "22222222-2222-4222-8222-222222222222", side: "sell", qty: 0.3 });
    expect(planFill(exit, short, 1, 1.1)).toMatchObject({ realizedPnl: 0, update: null, insert: null });
    const newerLong = long({ id: "33333333-3333-4333-8333-333333333333" });
    expect(planFill(exit, newerLong, 1, 1.1)).toMatchObject({ realizedPnl: 0, update: null, insert: null });
  });

  test("an exit larger than what is left closes the position flat, not the other way", () => {
    const plan = planFill(order({ action: "exit", position_id: long().id }), long({ qty: 0.4 }), 1, 1.101);
    expect(plan.update).toMatchObject({ stillOpen: false });
    expect(plan.insert).toBeNull();
    expect(plan.realizedPnl).toBeCloseTo(40, 2);
  });
});
