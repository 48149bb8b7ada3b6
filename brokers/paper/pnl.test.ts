import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { positionPnl, roundMoney } from "./pnl";
import { equity, freeMargin } from "./equity";
import { priceArb, sideArb } from "./test-arbitraries";

const qtyArb = fc.integer({ min: 1, max: 10_000 }).map((n) => n / 100);
const vppArb = fc.constantFrom(100_000, 50, 20, 5, 2, 0.5, 100, 1, 666.67);

describe("positionPnl", () => {
  test("worked examples", () => {
    // 1 lot EURUSD, 20 pips.
    expect(positionPnl("buy", 1.085, 1.087, 1, 100_000)).toBe(200);
    expect(positionPnl("sell", 1.085, 1.087, 1, 100_000)).toBe(-200);
    // 2 MNQ, 10 points at USD 2 a point.
    expect(positionPnl("buy", 17_500, 17_510, 2, 2)).toBe(40);
    // 0.5 lot USDJPY, 1 yen at 100,000 / 150 USD a point per lot.
    expect(positionPnl("sell", 151, 150, 0.5, 100_000 / 150)).toBe(333.33);
  });

  test("a long profits exactly when the price rises, a short when it falls", () => {
    fc.assert(
      fc.property(sideArb, priceArb, priceArb, qtyArb, vppArb, (side, entry, exit, qty, vpp) => {
        const pnl = positionPnl(side, entry, exit, qty, vpp);
        const move = (exit - entry) * (side === "buy" ? 1 : -1) * qty * vpp;
        if (Math.abs(move) >= 0.005) expect(Math.sign(pnl)).toBe(Math.sign(move));
        expect(Math.abs(pnl - move)).toBeLessThanOrEqual(0.005 + Math.abs(move) * 1e-12);
      }),
    );
  });

  test("the long's gain is exactly the short's loss, and no move is no P&L", () => {
    fc.assert(
      fc.property(priceArb, priceArb, qtyArb, vppArb, (entry, exit, qty, vpp) => {
        expect(positionPnl("buy", entry, exit, qty, vpp)).toBe(-positionPnl("sell", entry, exit, qty, vpp) || 0);
        expect(positionPnl("buy", entry, entry, qty, vpp)).toBe(0);
      }),
    );
  });

  test("roundMoney rounds half away from zero without float noise", () => {
    expect([1.005, -1.005, 0.004, -0.004, 2.675].map(roundMoney)).toEqual([1.01, -1.01, 0, 0, 2.68]);
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
  });
});

describe("equity", () => {
  test("balance plus unrealised P&L, to the cent", () => {
    expect(equity(100_000, [])).toBe(100_000);
    expect(equity(100_000, [200.1, -50.2, 0.1])).toBe(100_150);
    expect(freeMargin(100_150, 1_085)).toBe(99_065);
  });
});
