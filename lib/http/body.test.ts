import { describe, expect, test } from "vitest";
import { MAX_JSON_DEPTH, parseJsonText } from "./body";

const json = { headers: new Headers({ "content-type": "application/json" }) };
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("parseJsonText", () => {
  test(`objects and arrays may nest ${MAX_JSON_DEPTH} levels; one more is a 400, at any depth without overflowing the stack`, () => {
    expect(parseJsonText(json, `{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).toEqual({ a: expect.any(Array) });
    for (const depth of [MAX_JSON_DEPTH + 1, 30_000]) {
      expect(() => parseJsonText(json, nested(depth))).toThrow(expect.objectContaining({ code: "invalid_request", detail: expect.stringContaining("levels deep") }));
    }
  });

  test("NUL and half surrogate pairs, in values or names, are a 400; whole pairs (emoji) are fine", () => {
    for (const raw of ['{"a":"x\\u0000"}', '{"x\\u0000":1}', '["\\ud800"]', '{"a":["\\udc00x"]}']) {
      expect(() => parseJsonText(json, raw), raw).toThrow(expect.objectContaining({ code: "invalid_request", detail: expect.stringContaining("NUL") }));
    }
    expect(parseJsonText(json, '{"a":"\\ud83d\\ude00 ok"}')).toEqual({ a: "😀 ok" });
  });
});
