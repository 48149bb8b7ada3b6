import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { envelopeTemplate, fillPlaceholders, flatTemplate } from "@/lib/webhooks/templates";
import { lineForPath, parseWithPositions } from "./json-positions";
import { detectFormat, offsetOfLine, validateAlertText } from "./validate-text";

describe("parseWithPositions", () => {
  test("records the line of every property by dotted path", () => {
    const r = parseWithPositions('{\n  "a": 1,\n  "b": {\n    "c": [\n      {"d": true}\n    ]\n  }\n}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(r.lines)).toEqual({ "": 1, a: 2, b: 3, "b.c": 4, "b.c.0": 5, "b.c.0.d": 5 });
    expect(lineForPath(r.lines, "b.c.0.missing")).toBe(5);
    expect(lineForPath(r.lines, "zzz")).toBe(1);
  });

  test.each([
    ['{\n  "a": 1,\n}', 3, "trailing comma"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 'after the value of "a"'],
    ["{\n  'a': 1\n}", 2, "double quotes"],
    ['{\n  "qty": {{strategy.order.contracts}}\n}', 2, "TradingView placeholder"],
    ['{"a": "unterminated\n}', 1, "same line"],
    ['{"a": 1} x', 1, "after the end"],
    ["   ", 1, "empty"],
    ['{"a": tru}', 1, "Expected a value"],
  ])("%j fails on line %i with a sentence about %s", (text, line, words) => {
    const r = parseWithPositions(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(line);
    expect(r.error.message).toContain(words);
  });

  test("agrees with JSON.parse on what is valid JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const r = parseWithPositions(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        // Our parser also rejects a blank text (JSON.parse does too); otherwise they agree.
        expect(parseWithPositions(text).ok).toBe(valid);
      }),
    );
  });
});

describe("validateAlertText", () => {
  test("detects the three formats", () => {
    expect(detectFormat({ version: "unify.v1" })).toBe("envelope");
    expect(detectFormat({ ticker: "EURUSD", action: "buy" })).toBe("flat");
    expect(detectFormat({ symbol: "EURUSD", action: "buy" })).toBe("flat");
    expect(detectFormat({ side: "buy", symbol: "EURUSD", qty: 1 })).toBe("intent");
  });

  test("the dashboard's templates, filled in, are valid here too", () => {
    expect(validateAlertText(fillPlaceholders(flatTemplate()))).toMatchObject({ ok: true, format: "flat", hasApiKey: true });
    expect(validateAlertText(fillPlaceholders(envelopeTemplate()))).toMatchObject({ ok: true, format: "envelope" });
  });

  test("a flat alert's bad quantity points at the field and its line", () => {
    const text = '{\n  "ticker": "EURUSD",\n  "action": "buy",\n  "quantity": "one"\n}';
    expect(validateAlertText(text)).toEqual({ ok: false, format: "flat", issues: [{ path: "quantity", message: '"one" is not a number', line: 4 }] });
  });

  test("an envelope's nested error points at the nested line", () => {
    const text = '{\n  "version": "unify.v1",\n  "intent": {\n    "side": "buy",\n    "symbol": "EURUSD",\n    "sl": {"mode": "ticks", "value": 10}\n  }\n}';
    const r = validateAlertText(text);
    expect(r).toMatchObject({ ok: false, format: "envelope", issues: [{ path: "intent.sl.mode", line: 6 }] });
  });

  test("a bare intent reports paths as written, without the envelope around it", () => {
    const r = validateAlertText('{\n  "side": "buy",\n  "qty": 1\n}');
    expect(r).toEqual({ ok: false, format: "intent", issues: [{ path: "symbol", message: "is required for action entry", line: 1 }] });
    expect(validateAlertText('{"side": "buy", "symbol": "MNQ", "qty": 1, "api_key": "x"}')).toMatchObject({ ok: true, format: "intent", hasApiKey: true });
  });

  test("a syntax error is one issue at its line", () => {
    expect(validateAlertText('{\n  "ticker": "EURUSD",\n}')).toMatchObject({ ok: false, format: null, issues: [{ path: "", line: 3 }] });
    expect(validateAlertText("[1]")).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining("JSON object") }] });
  });

  test("offsetOfLine finds a line's first character", () => {
    expect(offsetOfLine("a\nbc\nd", 1)).toBe(0);
    expect(offsetOfLine("a\nbc\nd", 3)).toBe(5);
    expect(offsetOfLine("a", 9)).toBe(1);
  });
});
