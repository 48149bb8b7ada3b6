import { describe, expect, it } from "vitest";
import { sqlParams } from "./sql-params";

describe("sqlParams", () => {
  it("numbers placeholders in call order and keeps the values", () => {
    const p = sqlParams();
    const sql = `select ${p("a")}::text, ${p(2)}::int, ${p(null)}`;
    expect(sql).toBe("select $1::text, $2::int, $3");
    expect(p.values).toEqual(["a", 2, null]);
  });

  it("gives the same text for the same shape whatever the values", () => {
    const build = (v: number) => {
      const p = sqlParams();
      return `x = ${p(v)} and y = ${p(v + 1)}`;
    };
    expect(build(1)).toBe(build(99));
  });
});
