import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { normalizeAlert } from "@/lib/intake/normalize";
import { verifySignature } from "@/lib/crypto/hmac";
import { API_KEY_PLACEHOLDER, envelopeTemplate, fillPlaceholders, flatTemplate, looksLikeKey, matchesMaskedKey, SAMPLE_VALUES, TV, webhookUrl } from "./templates";
import { publicOrigin, tradingViewProblems } from "./reachability";
import { signedCurlExample } from "./signing";

const KEY = "uk_demo_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789WxYz";

/** What TradingView substitutes when a strategy order fills. */
const fired = (action: string, position: string, contracts = "1", ticker = "EURUSD") => ({
  ...SAMPLE_VALUES,
  [TV.action]: action,
  [TV.marketPosition]: position,
  [TV.contracts]: contracts,
  [TV.ticker]: ticker,
});

describe("flat TradingView template", () => {
  test("uses every strategy placeholder the trader needs", () => {
    const text = flatTemplate();
    for (const p of Object.values(TV)) expect(text).toContain(p);
    expect(JSON.parse(text).api_key).toBe(API_KEY_PLACEHOLDER);
  });

  test("with the sample values substituted, the webhook's normaliser accepts it as a long entry", () => {
    const r = normalizeAlert(fillPlaceholders(flatTemplate(KEY)));
    expect(r).toEqual({
      ok: true,
      envelope: {
        api_key: KEY,
        ts: "2025-10-14T14:30:00Z",
        source: "tradingview",
        intent: { action: "entry", side: "buy", type: "market", symbol: "EURUSD", qty: 1, price: 1.0852 },
      },
    });
  });

  test.each([
    ["buy", "long", { action: "entry", side: "buy", qty: 2 }],
    ["sell", "short", { action: "entry", side: "sell", qty: 2 }],
    // market_position is the position AFTER the order: flat means the order closed it.
    ["sell", "flat", { action: "exit" }],
    ["buy", "flat", { action: "exit" }],
    ["sell", "long", { action: "exit", qty: 2 }],
  ])("strategy.order.action %s with market_position %s → %j", (action, position, expected) => {
    const r = normalizeAlert(fillPlaceholders(flatTemplate(KEY), fired(action, position, "2")));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.envelope.intent).toMatchObject({ symbol: "EURUSD", ...expected });
    if (position === "flat") expect(r.envelope.intent.qty).toBeUndefined();
  });

  test("is accepted for any order TradingView can fire (fractional contracts, any ticker, any close)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("buy", "sell"),
        fc.constantFrom("long", "short", "flat"),
        fc.double({ min: 0.001, max: 10_000, noNaN: true }),
        fc.stringMatching(/^[A-Z][A-Z0-9._!]{0,11}$/),
        fc.double({ min: 0.00001, max: 1e6, noNaN: true }),
        (action, position, contracts, ticker, close) => {
          const text = fillPlaceholders(flatTemplate(KEY), { ...fired(action, position, String(contracts), ticker), [TV.close]: String(close) });
          expect(normalizeAlert(text).ok).toBe(true);
        },
      ),
    );
  });

  test("left unsubstituted (e.g. pasted into an indicator alert), each placeholder is named", () => {
    const r = normalizeAlert(flatTemplate(KEY));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([...new Set(r.errors.map((e) => e.path))].sort()).toEqual(["action", "price", "quantity", "sentiment", "ticker", "ts"]);
    expect(r.errors[0].message).toContain("was not substituted");
  });
});

describe("unify.v1 envelope template", () => {
  test("uses the entry placeholders and becomes valid JSON only once TradingView substitutes numbers", () => {
    const text = envelopeTemplate();
    for (const p of [TV.ticker, TV.action, TV.contracts, TV.close, TV.timenow]) expect(text).toContain(p);
    expect(() => JSON.parse(text)).toThrow();
    expect(() => JSON.parse(fillPlaceholders(text))).not.toThrow();
  });

  test.each(["buy", "sell"])("with %s substituted, the normaliser accepts it as an entry on that side", (side) => {
    const r = normalizeAlert(fillPlaceholders(envelopeTemplate(KEY), fired(side, "long", "0.5", "XAUUSD")));
    expect(r).toEqual({
      ok: true,
      envelope: {
        api_key: KEY,
        ts: "2025-10-14T14:30:00Z",
        source: "tradingview",
        intent: { action: "entry", side, type: "market", symbol: "XAUUSD", qty: 0.5, price: 1.0852 },
      },
    });
  });

  test("a key with characters JSON must escape stays valid JSON", () => {
    const text = fillPlaceholders(envelopeTemplate('a"b\\c'));
    expect(JSON.parse(text).api_key).toBe('a"b\\c');
  });
});

describe("keys and URLs", () => {
  test("the placeholder key can never pass for a key", () => {
    expect(looksLikeKey(API_KEY_PLACEHOLDER)).toBe(false);
    expect(looksLikeKey(KEY)).toBe(true);
  });

  test("a pasted key is matched against the account's masked key", () => {
    expect(matchesMaskedKey(KEY, "uk_demo_AbCd…WxYz")).toBe(true);
    expect(matchesMaskedKey(KEY, "uk_live_AbCd…WxYz")).toBe(false);
    expect(matchesMaskedKey(KEY, "uk_demo_Zzzz…WxYz")).toBe(false);
    expect(matchesMaskedKey(KEY, null)).toBe(false);
  });

  test("webhook URL per broker, whatever the origin's trailing slash", () => {
    expect(webhookUrl("https://unify.example/", "paper")).toBe("https://unify.example/api/unify/v1/webhook/paper");
    expect(webhookUrl("https://unify.example", "mt5")).toBe("https://unify.example/api/unify/v1/webhook/mt5");
  });

  test("public origin: the configured URL wins, else the proxy's forwarded headers, else Host", () => {
    expect(publicOrigin({ configured: "https://unify.example/app", host: "10.0.0.5:3000" })).toBe("https://unify.example");
    expect(publicOrigin({ forwardedProto: "https", forwardedHost: "hub.example, proxy", host: "app:3000" })).toBe("https://hub.example");
    expect(publicOrigin({ host: "localhost:3000" })).toBe("http://localhost:3000");
  });

  test("TradingView problems: private hosts, ports other than 80/443, plain http", () => {
    expect(tradingViewProblems("https://unify.example/api/unify/v1/webhook/paper")).toEqual([]);
    expect(tradingViewProblems("https://unify.example:443/x")).toEqual([]);
    const local = tradingViewProblems("http://localhost:3000/api/unify/v1/webhook/paper");
    expect(local).toHaveLength(3);
    expect(local.join(" ")).toMatch(/local or private.*ports 80 and 443.*port 3000.*https/s);
    expect(tradingViewProblems("https://192.168.1.20/x")[0]).toContain("private");
    expect(tradingViewProblems("https://unify.example:8443/x")).toEqual([expect.stringContaining("port 8443")]);
  });
});

describe("HMAC signing example", () => {
  test("the shell snippet computes a signature the webhook verifies", () => {
    const secret = "uws_testsecret123";
    const script = signedCurlExample("https://unify.example/api/unify/v1/webhook/paper")
      .split("\n")
      .filter((l) => !l.startsWith("curl") && !l.startsWith("  -"))
      .concat(['printf "%s\\n%s\\n%s" "$T" "$SIG" "$BODY"'])
      .join("\n");
    const [t, sig, body] = execFileSync("bash", ["-c", script], { env: { ...process.env, WEBHOOK_SECRET: secret }, encoding: "utf8" }).split("\n");
    expect(verifySignature(secret, `t=${t},v1=${sig}`, body, Number(t))).toMatchObject({ ok: true });
    expect(normalizeAlert(body).ok).toBe(true);
  });
});
