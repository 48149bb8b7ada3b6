import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { normalizeAlert } from "./normalize";
import { intentSchema, type Intent, ORDER_TYPES, QTY_MODES, SL_MODES, TP_MODES, TRAILING_MODES } from "./schemas";

// Wide enough that String(n) uses exponent notation at both ends (5e-7, 1e+21).
const positive = fc.double({ min: 1e-9, max: 1e22, noNaN: true, noDefaultInfinity: true });
const symbol = fc.stringMatching(/^[A-Z0-9][A-Z0-9_:!./-]{0,19}$/);
const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_ -]{0,40}[A-Za-z0-9_]$/);
const level = <M extends string>(modes: readonly M[]) => fc.record({ mode: fc.constantFrom(...modes), value: positive });

/** Intents the flat format can express: exits and cancels carry no side there. */
const flatExpressibleIntent: fc.Arbitrary<Intent> = fc
  .record(
    {
      action: fc.constantFrom("entry", "exit", "exit_all", "cancel", "reverse" as const),
      side: fc.constantFrom("buy", "sell" as const),
      account_id: fc.uuid({ version: 4 }),
      type: fc.constantFrom(...ORDER_TYPES),
      symbol,
      qty_mode: fc.constantFrom(...QTY_MODES),
      qty: positive,
      price: positive,
      sl: level(SL_MODES),
      tp: level(TP_MODES),
      trailing: level(TRAILING_MODES),
      tag,
    },
    { requiredKeys: ["action", "side"] },
  )
  .map(({ side, ...rest }) => (rest.action === "entry" || rest.action === "reverse" ? { ...rest, side } : rest))
  .map((v) => intentSchema.safeParse(v))
  .filter((r) => r.success)
  .map((r) => r.data as Intent);

/** Writes an intent the way a TradingView user would: numbers as padded strings, any case. */
function toFlat(intent: Intent, pad: string, upper: boolean): Record<string, unknown> {
  const num = (n: number | undefined) => (n === undefined ? undefined : `${pad}${n}${pad}`);
  const word = (w: string) => (upper ? w.toUpperCase() : w);
  const flat: Record<string, unknown> = {
    api_key: "uk_demo_x",
    ticker: intent.symbol,
    order_type: word(intent.type),
    quantity: num(intent.qty),
    quantity_type: intent.qty_mode,
    price: num(intent.price),
    stop_loss: num(intent.sl?.value),
    stop_loss_type: intent.sl?.mode,
    take_profit: num(intent.tp?.value),
    take_profit_type: intent.tp?.mode,
    trailing_stop: num(intent.trailing?.value),
    trailing_type: intent.trailing?.mode,
    tag: intent.tag,
    account_id: intent.account_id,
    note: "pasted from a blog post",
  };
  if (intent.action === "entry") flat.action = word(intent.side ?? "buy");
  else if (intent.action === "reverse") Object.assign(flat, { action: word("reverse"), sentiment: intent.side === "buy" ? "long" : "short" });
  else flat.action = word(intent.action);
  return flat;
}

describe("normalizeAlert — properties", () => {
  test("any flat-expressible intent survives a round trip through a flat alert with stringified numbers", () => {
    fc.assert(
      fc.property(flatExpressibleIntent, fc.constantFrom("", " ", "  "), fc.boolean(), (intent, pad, upper) => {
        const r = normalizeAlert(toFlat(intent, pad, upper));
        expect(r).toEqual({ ok: true, envelope: { api_key: "uk_demo_x", source: "tradingview", intent } });
      }),
      { numRuns: 300 },
    );
  });

  test("any valid intent survives a round trip through the unify.v1 envelope", () => {
    fc.assert(
      fc.property(flatExpressibleIntent, fc.constantFrom("buy", "sell" as const), (intent, side) => {
        const withSide = intent.action === "exit" ? { ...intent, side } : intent;
        const r = normalizeAlert({ version: "unify.v1", source: "bot", id: "k1", intent: withSide });
        expect(r).toEqual({ ok: true, envelope: { id: "k1", source: "bot", intent: withSide } });
      }),
    );
  });

  test("never throws on arbitrary JSON, and every success is a valid intent", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom("action", "ticker", "quantity", "version", "intent", "sentiment", "price"), fc.jsonValue())), (body) => {
        const r = normalizeAlert(body);
        if (r.ok) expect(intentSchema.safeParse(r.envelope.intent).success).toBe(true);
        else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  test("non-numeric text in a numeric field is rejected under the flat field name", () => {
    const field = fc.constantFrom("quantity", "price", "stop_loss", "take_profit", "trailing_stop");
    const junk = fc.string().filter((s) => Number.isNaN(Number(s)) || s.trim() === "");
    fc.assert(
      fc.property(field, junk, (name, value) => {
        const r = normalizeAlert({ ticker: "EURUSD", action: "buy", [name]: value });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(name);
      }),
    );
  });
});

describe("normalizeAlert — flat TradingView alerts", () => {
  const base = { api_key: "uk_live_abc", ticker: "OANDA:EURUSD", quantity: "1", id: "tv-1" };

  test("buy maps to an entry with numbers parsed and the raw ticker kept for the broker to resolve", () => {
    const r = normalizeAlert({ ...base, action: "BUY", sentiment: "long", order_type: "limit", price: " 1.1 ", stop_loss: "1.095", take_profit: "1.11", comment: "EU_Breakout" });
    expect(r).toEqual({
      ok: true,
      envelope: {
        id: "tv-1", api_key: "uk_live_abc", source: "tradingview",
        intent: { action: "entry", side: "buy", type: "limit", symbol: "OANDA:EURUSD", qty: 1, price: 1.1, sl: { mode: "price", value: 1.095 }, tp: { mode: "price", value: 1.11 }, tag: "EU_Breakout" },
      },
    });
  });

  test.each([
    ["sell", "flat"],
    ["buy", "flat"],
    ["exit", undefined],
    ["close", undefined],
  ])("action %s with sentiment %s is an exit of the symbol", (action, sentiment) => {
    const r = normalizeAlert({ ...base, action, sentiment });
    expect(r.ok && r.envelope.intent).toMatchObject({ action: "exit", symbol: "OANDA:EURUSD" });
    expect(r.ok && r.envelope.intent.side).toBeUndefined();
  });

  test("sentiment flat closes the whole position, whatever quantity TradingView counted", () => {
    const r = normalizeAlert({ ...base, action: "sell", sentiment: "flat", quantity: "3" });
    expect(r.ok && r.envelope.intent.qty).toBeUndefined();
  });

  test("sell while staying long is a partial close of that quantity", () => {
    const r = normalizeAlert({ ...base, action: "sell", sentiment: "long", quantity: "0.5" });
    expect(r.ok && r.envelope.intent).toMatchObject({ action: "exit", qty: 0.5 });
  });

  test("long/short actions, a sentiment alone, cancel and exit_all", () => {
    expect(normalizeAlert({ ...base, action: "Short" })).toMatchObject({ ok: true, envelope: { intent: { action: "entry", side: "sell" } } });
    expect(normalizeAlert({ ...base, sentiment: "long" })).toMatchObject({ ok: true, envelope: { intent: { action: "entry", side: "buy" } } });
    expect(normalizeAlert({ api_key: "k", action: "cancel" })).toMatchObject({ ok: true, envelope: { intent: { action: "cancel" } } });
    expect(normalizeAlert({ api_key: "k", action: "close_all" })).toMatchObject({ ok: true, envelope: { intent: { action: "exit_all" } } });
  });

  test("TradingView's quantity types map to qty modes", () => {
    const r = normalizeAlert({ ...base, action: "buy", quantity: "10", quantity_type: "percent_of_equity" });
    expect(r.ok && r.envelope.intent.qty_mode).toBe("pct_equity");
    const bad = normalizeAlert({ ...base, action: "buy", quantity_type: "shares" });
    expect(bad).toEqual({ ok: false, errors: [{ path: "quantity_type", message: expect.stringContaining("fixed, risk_pct") }] });
  });

  test.each([
    ["", "is empty"],
    ["abc", '"abc" is not a number'],
    ["NaN", '"NaN" is not a number'],
    ["-1", "must be greater than 0"],
    ["0", "must be greater than 0"],
    [true, "must be a number"],
  ])("quantity %j is rejected: %s", (quantity, message) => {
    const r = normalizeAlert({ ...base, action: "buy", quantity });
    expect(r).toEqual({ ok: false, errors: [{ path: "quantity", message: expect.stringContaining(message) }] });
  });

  test("an unsubstituted placeholder says so, per field", () => {
    const r = normalizeAlert({ ...base, action: "{{strategy.order.action}}", price: "{{close}}" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ path: "action", message: expect.stringContaining("{{strategy.order.action}}, which was not substituted") });
    expect(r.errors).toContainEqual({ path: "price", message: expect.stringContaining("{{close}}, which was not substituted") });
  });

  test("schema errors use the flat field names", () => {
    expect(normalizeAlert({ api_key: "k", action: "buy" })).toEqual({ ok: false, errors: [{ path: "ticker", message: "is required for action entry" }] });
    expect(normalizeAlert({ ...base, action: "buy", order_type: "limit" })).toEqual({ ok: false, errors: [{ path: "price", message: "is required for a limit order" }] });
    expect(normalizeAlert({ ...base, action: "hold" })).toEqual({ ok: false, errors: [{ path: "action", message: expect.stringContaining('"hold" is not one of') }] });
    expect(normalizeAlert({ ...base, action: "reverse" })).toEqual({ ok: false, errors: [{ path: "sentiment", message: expect.stringContaining("long or short") }] });
  });

  test("a text/plain body holding JSON is parsed; other text is not", () => {
    expect(normalizeAlert(JSON.stringify({ ...base, action: "buy" })).ok).toBe(true);
    expect(normalizeAlert("buy EURUSD")).toEqual({ ok: false, errors: [{ path: "", message: "the body is not valid JSON" }] });
    expect(normalizeAlert([1])).toEqual({ ok: false, errors: [{ path: "", message: "the body must be a JSON object" }] });
  });

  test("a long comment is cut to the 64-character tag", () => {
    const r = normalizeAlert({ ...base, action: "buy", comment: "x".repeat(100) });
    expect(r.ok && r.envelope.intent.tag).toHaveLength(64);
  });
});

describe("normalizeAlert — unify.v1 envelope", () => {
  const intent = { action: "entry", side: "buy", symbol: "EURUSD", qty: 1 };

  test("defaults the source and keeps transport fields", () => {
    const r = normalizeAlert({ version: "unify.v1", api_key: "k", ts: "2025-10-14T14:30:00Z", intent });
    expect(r).toEqual({ ok: true, envelope: { api_key: "k", ts: "2025-10-14T14:30:00Z", source: "api", intent: { ...intent, type: "market" } } });
  });

  test("errors carry dotted paths and readable messages", () => {
    const r = normalizeAlert({ version: "unify.v2", intent: { ...intent, qty: "1" } });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: "version", message: 'must be "unify.v1"' },
        { path: "intent.qty", message: "must be a JSON number, not text: write 1 without quotes" },
      ],
    });
  });

  test("is strict about unknown fields, at any depth", () => {
    const r = normalizeAlert({ version: "unify.v1", extra: 1, intent: { ...intent, sl: { mode: "price", value: 1, x: 1 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(["extra", "intent.sl.x"]);
  });

  test("a missing intent is required, a placeholder anywhere is named", () => {
    expect(normalizeAlert({ version: "unify.v1" })).toEqual({ ok: false, errors: [{ path: "intent", message: "is required" }] });
    const r = normalizeAlert({ version: "unify.v1", intent: { ...intent, tp: { mode: "price", value: "{{plot_0}}" } } });
    expect(r).toEqual({ ok: false, errors: [{ path: "intent.tp.value", message: expect.stringContaining("{{plot_0}}") }] });
  });
});
