import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Instrument } from "@/brokers/types";
import { intentSchema, type Intent } from "@/lib/intake/schemas";
import { fromSteps, isMultipleOfStep } from "./round-to-step";
import type { TradingConfig } from "./schemas";
import { type SizeOrderInput, sizeOrder } from "./size-order";
import { withoutAccountValue } from "@/brokers/shared/account-value";

const EURUSD: Instrument = {
  symbol: "EURUSD", brokerSymbol: "EURUSD", kind: "fx", minQty: 0.01, maxQty: 100, qtyStep: 0.01,
  tickSize: 0.00001, pipSize: 0.0001, valuePerPoint: 100_000, contractSize: 100_000,
};
const MNQ: Instrument = {
  symbol: "MNQ", brokerSymbol: "CON.F.US.MNQ.Z25", kind: "index_future", minQty: 1, maxQty: 50, qtyStep: 1,
  tickSize: 0.25, pipSize: 0.25, valuePerPoint: 2, contractSize: 1,
};
const NO_CONFIG: TradingConfig = {
  lot_size_mode: null, fixed_lot_size: null, risk_pct: null, sl_percentage: null, tp_percentage: null,
  risk_reward_ratio: null, use_trailing_sl: null, trailing_pct: null,
};

const intent = (v: Record<string, unknown>): Intent => intentSchema.parse({ action: "entry", side: "buy", symbol: "EURUSD", ...v });
const size = (v: Record<string, unknown>, rest: Partial<SizeOrderInput> = {}) =>
  sizeOrder({ intent: intent(v), config: null, instrument: EURUSD, equity: 10_000, price: 1.1, ...rest });

describe("sizeOrder — modes", () => {
  test("risk_pct: 1% of 10,000 over a 20-pip stop is 0.5 lots, with an rr take profit", () => {
    const r = size({ qty_mode: "risk_pct", qty: 1, sl: { mode: "pips", value: 20 }, tp: { mode: "rr", value: 2 } });
    expect(r).toEqual({ ok: true, order: { qty: 0.5, entryPrice: 1.1, stopLoss: 1.098, takeProfit: 1.104, notional: 55_000, riskAmount: 100, adjustments: [] } });
  });

  test("risk_usd on a future with a stop in points (1 point = a 1.0 price move)", () => {
    const r = size({ symbol: "MNQ", qty_mode: "risk_usd", qty: 200, sl: { mode: "points", value: 20 } }, { instrument: MNQ, price: 21_000 });
    expect(r).toMatchObject({ ok: true, order: { qty: 5, stopLoss: 20_980, riskAmount: 200, notional: 210_000 } });
  });

  test("cash and pct_equity buy a notional", () => {
    expect(size({ qty_mode: "cash", qty: 11_000 })).toMatchObject({ ok: true, order: { qty: 0.1 } });
    expect(size({ qty_mode: "pct_equity", qty: 55 })).toMatchObject({ ok: true, order: { qty: 0.05 } });
  });

  test("a sell gets its stop above and its target below, in percent of the entry", () => {
    const r = size({ side: "sell", sl: { mode: "pct", value: 1 }, tp: { mode: "pct", value: 2 }, qty: 1 });
    expect(r).toMatchObject({ ok: true, order: { stopLoss: 1.111, takeProfit: 1.078, riskAmount: 1100 } });
  });

  test("risk modes need a stop", () => {
    expect(size({ qty_mode: "risk_pct", qty: 1 })).toEqual({ ok: false, code: "constraint_violation", reason: expect.stringContaining("needs a stop loss") });
    expect(size({ qty: 1, tp: { mode: "rr", value: 2 } })).toMatchObject({ ok: false, reason: expect.stringContaining("needs a stop loss") });
  });

  test("only entries and reverses are sized", () => {
    expect(size({ action: "exit" })).toMatchObject({ ok: false, reason: expect.stringContaining("only entry and reverse") });
    expect(size({ action: "reverse", qty: 1 }).ok).toBe(true);
  });
});

describe("sizeOrder — levels", () => {
  test("a stop or target on the wrong side of the entry is rejected", () => {
    expect(size({ qty: 1, sl: { mode: "price", value: 1.2 } })).toMatchObject({ ok: false, reason: "stop loss 1.2 must be below the entry 1.1 for this side" });
    expect(size({ qty: 1, tp: { mode: "price", value: 1.05 } })).toMatchObject({ ok: false, reason: expect.stringContaining("must be above the entry") });
    expect(size({ side: "sell", qty: 1, tp: { mode: "pct", value: 150 } })).toMatchObject({ ok: false, reason: expect.stringContaining("not a valid price") });
  });

  test("levels round toward the entry and say so; a stop within a tick is rejected", () => {
    const r = size({ qty: 1, sl: { mode: "price", value: 1.095004 }, tp: { mode: "price", value: 1.110006 } });
    expect(r).toMatchObject({ ok: true, order: { stopLoss: 1.09501, takeProfit: 1.11 } });
    expect(r.ok && r.order.adjustments).toEqual([
      "stop loss 1.095004 rounded toward the entry to 1.09501 (tick 0.00001)",
      "take profit 1.110006 rounded toward the entry to 1.11 (tick 0.00001)",
    ]);
    expect(size({ qty: 1, sl: { mode: "price", value: 1.099996 } })).toMatchObject({ ok: false, reason: expect.stringContaining("less than one tick") });
  });

  test("limit prices round to the better price, stop triggers away from the market", () => {
    expect(size({ qty: 1, type: "limit", price: 1.100004 })).toMatchObject({ order: { entryPrice: 1.1 } });
    expect(size({ qty: 1, type: "limit", side: "sell", price: 1.100004 })).toMatchObject({ order: { entryPrice: 1.10001 } });
    expect(size({ qty: 1, type: "stop", price: 1.100004 })).toMatchObject({ order: { entryPrice: 1.10001 } });
  });

  test("trailing distances in pips, points and percent", () => {
    expect(size({ qty: 1, trailing: { mode: "pips", value: 15 } })).toMatchObject({ order: { trailingDistance: 0.0015 } });
    expect(size({ symbol: "MNQ", qty: 1, trailing: { mode: "points", value: 10.1 } }, { instrument: MNQ, price: 21_000 })).toMatchObject({ order: { trailingDistance: 10 } });
    expect(size({ qty: 1, trailing: { mode: "pct", value: 0.5 } })).toMatchObject({ order: { trailingDistance: 0.0055 } });
  });
});

describe("sizeOrder — trading config and constraints", () => {
  const config: TradingConfig = { ...NO_CONFIG, lot_size_mode: "risk_pct", fixed_lot_size: 1, risk_pct: 2, sl_percentage: 0.5, risk_reward_ratio: 3, use_trailing_sl: true, trailing_pct: 0.25 };

  test("the config fills quantity, stop, rr target and trailing the alert left out", () => {
    const r = size({}, { config });
    // 2% of 10,000 = 200 over a 0.0055 stop: 200 / 550 = 0.3636… → 0.36 lots.
    expect(r).toMatchObject({ ok: true, order: { qty: 0.36, stopLoss: 1.0945, takeProfit: 1.1165, trailingDistance: 0.00275 } });
    expect(r.ok && r.order.adjustments).toEqual(["qty 0.3636363636 rounded down to 0.36 (step 0.01 lots)"]);
  });

  test("the alert's own values win over the config", () => {
    expect(size({ qty: 0.2, sl: { mode: "pips", value: 10 } }, { config })).toMatchObject({ ok: true, order: { qty: 0.2, stopLoss: 1.099 } });
  });

  test("a config rr without any stop is skipped with a note", () => {
    const r = size({ qty: 1 }, { config: { ...NO_CONFIG, risk_reward_ratio: 2 } });
    expect(r.ok && r.order.adjustments).toEqual(["no take profit: the trading config's risk_reward_ratio needs a stop loss"]);
  });

  test("no quantity anywhere is a violation", () => {
    expect(size({})).toMatchObject({ ok: false, reason: expect.stringContaining("no quantity") });
  });

  test("below the minimum is rejected with the numbers; above the maximum is clamped", () => {
    const tiny = size({ qty_mode: "risk_usd", qty: 0.4, sl: { mode: "pips", value: 10 } });
    expect(tiny).toMatchObject({ ok: false, reason: "qty 0.004 is below the minimum 0.01 lots for EURUSD (risking 0.40 with the stop 0.001 away)" });
    const big = size({ qty: 150 });
    expect(big).toMatchObject({ ok: true, order: { qty: 100, adjustments: ["qty 150 reduced to the maximum 100 lots for EURUSD"] } });
  });

  test("float noise in the request does not cost a step", () => {
    expect(size({ qty: 0.1 + 0.2 })).toMatchObject({ ok: true, order: { qty: 0.3, adjustments: [] } });
  });
});

/** Instruments with random but consistent constraints, and an entry price on their grid. */
const market = fc
  .record({
    qtyStep: fc.constantFrom(0.001, 0.01, 0.1, 1),
    minSteps: fc.integer({ min: 1, max: 10 }),
    extraSteps: fc.integer({ min: 0, max: 100_000 }),
    tickSize: fc.constantFrom(0.00001, 0.0001, 0.01, 0.25, 1),
    pipTicks: fc.constantFrom(1, 10),
    valuePerPoint: fc.constantFrom(1, 2, 5, 20, 50, 100_000),
    priceTicks: fc.integer({ min: 1_000, max: 2_000_000 }),
  })
  .map(({ qtyStep, minSteps, extraSteps, tickSize, pipTicks, valuePerPoint, priceTicks }) => ({
    instrument: {
      ...EURUSD, qtyStep, tickSize, valuePerPoint,
      minQty: fromSteps(minSteps, qtyStep), maxQty: fromSteps(minSteps + extraSteps, qtyStep), pipSize: tickSize * pipTicks,
    } satisfies Instrument,
    price: fromSteps(priceTicks, tickSize),
  }));
const side = fc.constantFrom("buy", "sell" as const);
const EXPECTED_REJECTIONS = /below the minimum|less than one tick|not a valid price/;

describe("sizeOrder — rounding never increases risk (properties)", () => {
  test("fixed: qty never exceeds the request and is a multiple of the step within [min, max]", () => {
    fc.assert(
      fc.property(market, side, fc.double({ min: 1e-4, max: 1e6, noNaN: true }), ({ instrument, price }, s, qty) => {
        const r = size({ side: s, qty }, { instrument, price });
        if (!r.ok) {
          expect(r.reason).toMatch(/below the minimum/);
          return;
        }
        expect(r.order.qty).toBeLessThanOrEqual(qty * (1 + 1e-9));
        expect(isMultipleOfStep(r.order.qty, instrument.qtyStep)).toBe(true);
        expect(r.order.qty).toBeGreaterThanOrEqual(instrument.minQty);
        expect(r.order.qty).toBeLessThanOrEqual(instrument.maxQty);
      }),
      { numRuns: 500 },
    );
  });

  test("risk_pct / risk_usd: sized risk ≤ requested risk, and one more step would exceed it (unless at the max)", () => {
    const risk = fc.oneof(
      fc.record({ mode: fc.constant("risk_pct" as const), qty: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
      fc.record({ mode: fc.constant("risk_usd" as const), qty: fc.double({ min: 1, max: 1e5, noNaN: true }) }),
    );
    const sl = fc.record({ mode: fc.constantFrom("pips", "points", "pct" as const), value: fc.double({ min: 0.01, max: 500, noNaN: true }) });
    fc.assert(
      fc.property(market, side, risk, sl, fc.double({ min: 100, max: 1e7, noNaN: true }), ({ instrument, price }, s, r0, stop, equity) => {
        const r = size({ side: s, qty_mode: r0.mode, qty: r0.qty, sl: stop }, { instrument, price, equity });
        if (!r.ok) {
          expect(r.reason).toMatch(EXPECTED_REJECTIONS);
          return;
        }
        const requested = r0.mode === "risk_pct" ? (equity * r0.qty) / 100 : r0.qty;
        const perUnit = Math.abs(r.order.entryPrice - (r.order.stopLoss ?? NaN)) * instrument.valuePerPoint;
        expect(r.order.riskAmount).toBeLessThanOrEqual(requested * (1 + 1e-9));
        if (r.order.qty < instrument.maxQty) expect((r.order.qty + instrument.qtyStep) * perUnit).toBeGreaterThan(requested * (1 - 1e-9));
      }),
      { numRuns: 500 },
    );
  });

  test("stop and target sit on their side of the entry, on the tick grid, no further than asked", () => {
    const offset = fc.double({ min: 0.01, max: 50, noNaN: true });
    fc.assert(
      fc.property(market, side, offset, offset, ({ instrument, price }, s, slPct, tpPct) => {
        const r = size({ side: s, qty: 1_000, sl: { mode: "pct", value: slPct }, tp: { mode: "pct", value: tpPct } }, { instrument, price });
        if (!r.ok) {
          expect(r.reason).toMatch(EXPECTED_REJECTIONS);
          return;
        }
        const dir = s === "buy" ? 1 : -1;
        const { entryPrice, stopLoss = NaN, takeProfit = NaN } = r.order;
        const noise = 1e-9 * entryPrice;
        expect(dir * (entryPrice - stopLoss)).toBeGreaterThan(0);
        expect(dir * (takeProfit - entryPrice)).toBeGreaterThan(0);
        expect(Math.abs(entryPrice - stopLoss)).toBeLessThanOrEqual((entryPrice * slPct) / 100 + noise);
        expect(Math.abs(takeProfit - entryPrice)).toBeLessThanOrEqual((entryPrice * tpPct) / 100 + noise);
        expect(isMultipleOfStep(stopLoss, instrument.tickSize) && isMultipleOfStep(takeProfit, instrument.tickSize)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("sizeOrder — audit regressions", () => {
  test("a market buy's off-grid reference price rounds up (a sell's down), so the sized stop distance is never shorter than the real one", () => {
    // Quote 1.100004 (an alert's {{close}} from a finer feed). Rounded to the nearest tick, 1.1, the
    // 10-pip stop went to 1.099 and 1 lot was sized for USD 100 — but from 1.100004 that stop is
    // 10.04 pips away: USD 100.40 at risk.
    const buy = size({ qty_mode: "risk_usd", qty: 100, sl: { mode: "pips", value: 10 } }, { price: 1.100004 });
    expect(buy).toMatchObject({ ok: true, order: { entryPrice: 1.10001, stopLoss: 1.09901 } });
    const sell = size({ side: "sell", qty_mode: "risk_usd", qty: 100, sl: { mode: "pips", value: 10 } }, { price: 1.100006 });
    expect(sell).toMatchObject({ ok: true, order: { entryPrice: 1.1, stopLoss: 1.101 } });
  });

  test("market orders: risk measured from the unrounded reference price never exceeds the request", () => {
    const sl = fc.oneof(
      fc.record({ mode: fc.constantFrom("pips", "points", "pct" as const), value: fc.double({ min: 0.01, max: 50, noNaN: true }) }),
      fc.record({ mode: fc.constant("price" as const), value: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
    );
    fc.assert(
      fc.property(side, fc.double({ min: 0.9, max: 1.3, noNaN: true }), sl, fc.double({ min: 1, max: 1e5, noNaN: true }), (s, price, stop, risk) => {
        const r = size({ side: s, qty_mode: "risk_usd", qty: risk, sl: stop }, { price });
        if (!r.ok) return;
        const realDistance = Math.abs(price - (r.order.stopLoss ?? NaN));
        expect(r.order.qty * realDistance * EURUSD.valuePerPoint).toBeLessThanOrEqual(risk * (1 + 1e-9));
      }),
      { numRuns: 1000 },
    );
  });

  test("a level, limit price or trailing distance too large for the tick grid is rejected, never sent as Infinity", () => {
    const sellSl = size({ side: "sell", qty: 1, sl: { mode: "price", value: 1e305 } });
    expect(sellSl).toMatchObject({ ok: false, reason: expect.stringContaining("stop loss") });
    const buyTp = size({ qty: 1, tp: { mode: "points", value: 1e305 } });
    expect(buyTp).toMatchObject({ ok: false, reason: expect.stringContaining("take profit") });
    const limit = size({ qty: 1, type: "limit", price: 1e305 });
    expect(limit).toMatchObject({ ok: false, reason: expect.stringContaining("price") });
    const trail = size({ qty: 1, trailing: { mode: "points", value: 1e305 } });
    expect(trail).toMatchObject({ ok: false, reason: expect.stringContaining("trailing") });
    const notional = size({ symbol: "MNQ", qty: 50, type: "limit", price: 1.5e308 }, { instrument: { ...MNQ, tickSize: 1 }, price: 21_000 });
    expect(notional).toMatchObject({ ok: false, reason: expect.stringContaining("too large a notional") });
  });

  test("every number of an accepted order is finite, whatever finite positive values the alert carries", () => {
    const big = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });
    const level = (modes: readonly string[]) => fc.option(fc.record({ mode: fc.constantFrom(...modes), value: big }), { nil: undefined });
    fc.assert(
      fc.property(market, side, fc.constantFrom("market", "limit", "stop" as const), big, big, level(["price", "pips", "points", "pct"]), level(["price", "pips", "points", "pct", "rr"]), level(["pips", "points", "pct"]),
        (m, s, type, qty, price, sl, tp, trailing) => {
          const r = size({ side: s, type, qty, price, sl, tp, trailing }, m);
          if (!r.ok) return;
          const { adjustments, ...numbers } = r.order;
          for (const v of Object.values(numbers)) expect(Number.isFinite(v)).toBe(true);
          expect(adjustments.every((a) => !/Infinity|NaN/.test(a))).toBe(true);
        }),
      { numRuns: 1000 },
    );
  });

  test("a quantity too small to print is named with its exponent, not as '0.'", () => {
    expect(size({ qty: 1e-300 })).toMatchObject({ ok: false, reason: "qty 1e-300 is below the minimum 0.01 lots for EURUSD" });
  });
});

describe("sizeOrder — maximum leverage (TradeLocker 500:1)", () => {
  const at = (v: Record<string, unknown>, equity: number) => size(v, { equity, maxLeverage: 500 });

  test("the notional is capped at equity × leverage, rounded down to the step, and says so", () => {
    // 1,000 × 500 = 500,000 of notional; a lot of EURUSD at 1.1 is 110,000: at most 4.54 lots.
    const r = at({ qty: 10 }, 1_000);
    expect(r).toMatchObject({ ok: true, order: { qty: 4.54, notional: 499_400 } });
    expect(r.ok && r.order.adjustments).toEqual(["qty 10 reduced to 4.54 lots for EURUSD: 1,000.00 of equity at leverage 500:1 allows a notional of at most 500,000.00"]);
    expect(at({ qty_mode: "pct_equity", qty: 100_000 }, 1_000)).toMatchObject({ ok: true, order: { qty: 4.54 } });
  });

  test("when not even the minimum fits the leverage, the order is rejected with the numbers", () => {
    // 1 × 500 = 500 of notional, 0.0045 lots: below the 0.01 minimum.
    expect(at({ qty: 1 }, 1)).toMatchObject({
      ok: false,
      reason: "qty 1 needs more margin than 1.00 of equity at leverage 500:1 allows (a notional of at most 500.00, 0 lots of EURUSD); the minimum is 0.01 lots",
    });
  });

  test("within the leverage, or with no leverage limit, nothing changes", () => {
    expect(at({ qty: 1 }, 10_000)).toMatchObject({ ok: true, order: { qty: 1, adjustments: [] } });
    expect(size({ qty: 10 }, { equity: 1_000 })).toMatchObject({ ok: true, order: { qty: 10 } });
  });

  test("property: with a leverage limit the notional never exceeds equity × leverage", () => {
    fc.assert(
      fc.property(market, side, fc.double({ min: 1e-4, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true }), fc.constantFrom(1, 30, 100, 500),
        ({ instrument, price }, s, qty, equity, maxLeverage) => {
          const r = size({ side: s, qty }, { instrument, price, equity, maxLeverage });
          if (!r.ok) {
            expect(r.reason).toMatch(/below the minimum|leverage/);
            return;
          }
          expect(r.order.notional).toBeLessThanOrEqual(equity * maxLeverage * (1 + 1e-9));
          expect(r.order.qty).toBeLessThanOrEqual(qty * (1 + 1e-9));
        }),
      { numRuns: 500 },
    );
  });
});

describe("sizeOrder — a trailing stop wider than the stop loss", () => {
  // TradeLocker (stopLossType trailingOffset) and Topstep (one stop-loss bracket) carry one
  // stop per position: the trailing stop replaces the fixed one, so until it tightens the
  // position can lose the trailing distance.
  test("risk modes size on the wider trailing distance and say so", () => {
    // 1% of 10,000 = 100. Sized on the 20-pip stop that is 0.5 lots; with the 50-pip trailing
    // stop as the only stop, 0.5 lots lose 250. Sized on 50 pips: 0.2 lots.
    const r = size({ qty_mode: "risk_pct", qty: 1, sl: { mode: "pips", value: 20 }, trailing: { mode: "pips", value: 50 } });
    expect(r).toMatchObject({ ok: true, order: { qty: 0.2, stopLoss: 1.098, trailingDistance: 0.005, riskAmount: 100 } });
    expect(r.ok && r.order.adjustments).toEqual(["risk sized on the trailing stop's distance 0.005, wider than the stop loss's 0.002 (a broker that trails replaces the fixed stop)"]);
  });

  test("the trading config's trailing_pct counts too; a trailing stop inside the stop loss changes nothing", () => {
    const config: TradingConfig = { ...NO_CONFIG, lot_size_mode: "risk_pct", risk_pct: 1, sl_percentage: 0.5, use_trailing_sl: true, trailing_pct: 1 };
    // 100 over 1% of 1.1 = 0.011: 100 / 1,100 = 0.0909 → 0.09 lots (not 0.18 on the 0.5% stop).
    expect(size({}, { config })).toMatchObject({ ok: true, order: { qty: 0.09, stopLoss: 1.0945, trailingDistance: 0.011 } });
    expect(size({ qty_mode: "risk_usd", qty: 100, sl: { mode: "pips", value: 20 }, trailing: { mode: "pips", value: 10 } })).toMatchObject({ ok: true, order: { qty: 0.5, riskAmount: 100 } });
  });

  test("property: qty × the wider of stop and trailing distance stays within the requested risk", () => {
    const dist = fc.record({ mode: fc.constantFrom("pips", "points", "pct" as const), value: fc.double({ min: 0.01, max: 50, noNaN: true }) });
    fc.assert(
      fc.property(market, side, fc.double({ min: 1, max: 1e5, noNaN: true }), dist, dist, ({ instrument, price }, s, risk, sl, trailing) => {
        const r = size({ side: s, qty_mode: "risk_usd", qty: risk, sl, trailing }, { instrument, price });
        if (!r.ok) {
          expect(r.reason).toMatch(EXPECTED_REJECTIONS);
          return;
        }
        const wider = Math.max(Math.abs(r.order.entryPrice - (r.order.stopLoss ?? NaN)), r.order.trailingDistance ?? 0);
        expect(r.order.qty * wider * instrument.valuePerPoint).toBeLessThanOrEqual(risk * (1 + 1e-9));
      }),
      { numRuns: 500 },
    );
  });
});

describe("sizeOrder — an instrument not valued in the account's currency", () => {
  const USDJPY: Instrument = withoutAccountValue(
    { ...EURUSD, symbol: "USDJPY", tickSize: 0.001, pipSize: 0.01, valuePerPoint: 100_000 },
    "USDJPY is quoted in JPY and this account is in USD, and there is no JPY/USD rate",
  );
  const jpy = (v: Record<string, unknown>) => intentSchema.parse({ action: "entry", side: "buy", symbol: "USDJPY", ...v });

  test("risk, cash and % of equity quantities are refused with the reason; nothing is sized in the wrong unit", () => {
    for (const qty_mode of ["risk_pct", "risk_usd", "cash", "pct_equity"]) {
      const r = sizeOrder({ intent: jpy({ qty_mode, qty: 1, sl: { mode: "pips", value: 20 } }), config: NO_CONFIG, instrument: USDJPY, equity: 10_000, price: 150 });
      expect(r, qty_mode).toMatchObject({ ok: false });
      if (!r.ok) expect(r.reason).toMatch(new RegExp(`no JPY/USD rate: a ${qty_mode} quantity cannot be sized`));
    }
  });

  test("a fixed quantity goes through as asked, and no leverage cap is computed from the unconverted value", () => {
    const r = sizeOrder({ intent: jpy({ qty: 2 }), config: NO_CONFIG, instrument: USDJPY, equity: 1_000, price: 150, maxLeverage: 500 });
    expect(r).toMatchObject({ ok: true, order: { qty: 2 } });
  });
});
