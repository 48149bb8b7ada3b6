import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { ratchetTrailingStop } from "./trailing-stop";
import { quoteNear, sideArb } from "./test-arbitraries";

describe("ratchetTrailingStop", () => {
  test("a long trails the bid by the distance and a short the ask", () => {
    expect(ratchetTrailingStop("buy", { bid: 100, ask: 100.1 }, 2)).toBe(98);
    expect(ratchetTrailingStop("sell", { bid: 100, ask: 100.1 }, 2)).toBeCloseTo(102.1, 10);
  });

  test("it moves with a favourable price and stays put on an adverse one", () => {
    let stop = ratchetTrailingStop("buy", { bid: 100, ask: 100.1 }, 2);
    stop = ratchetTrailingStop("buy", { bid: 103, ask: 103.1 }, 2, stop);
    expect(stop).toBe(101);
    stop = ratchetTrailingStop("buy", { bid: 101.5, ask: 101.6 }, 2, stop);
    expect(stop).toBe(101);
  });

  test("with a tick size the level rounds away from the price", () => {
    expect(ratchetTrailingStop("buy", { bid: 5000.25, ask: 5000.5 }, 3.1, undefined, 0.25)).toBe(4997);
    expect(ratchetTrailingStop("sell", { bid: 5000.25, ask: 5000.5 }, 3.1, undefined, 0.25)).toBe(5003.75);
    expect(ratchetTrailingStop("buy", { bid: 1.10005, ask: 1.10013 }, 0.002, undefined, 0.00001)).toBe(1.09805);
  });

  test("refuses a non-positive distance", () => {
    expect(() => ratchetTrailingStop("buy", { bid: 1, ask: 1 }, 0)).toThrow(RangeError);
  });

  test("over any sequence of quotes it only ever tightens and stays the distance behind the best price", () => {
    fc.assert(
      fc.property(sideArb, fc.array(quoteNear(1000), { minLength: 1, maxLength: 40 }), fc.double({ min: 0.01, max: 50, noNaN: true }), (side, quotes, distance) => {
        let stop: number | undefined;
        for (const quote of quotes) {
          const next = ratchetTrailingStop(side, quote, distance, stop, 0.01);
          if (stop !== undefined) expect(side === "buy" ? next >= stop : next <= stop).toBe(true);
          stop = next;
        }
        const best = side === "buy" ? Math.max(...quotes.map((x) => x.bid)) : Math.min(...quotes.map((x) => x.ask));
        const ideal = side === "buy" ? best - distance : best + distance;
        expect(Math.abs((stop ?? 0) - ideal)).toBeLessThan(0.01 + 1e-9);
      }),
    );
  });
});
