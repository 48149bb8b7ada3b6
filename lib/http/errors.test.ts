import { describe, expect, test } from "vitest";
import { z } from "zod";
import { AppError, problemBody, toAppError } from "./errors";

describe("problem+json", () => {
  test("zod errors become 400 invalid_request with dotted paths", () => {
    const r = z.object({ intent: z.object({ qty: z.number() }) }).safeParse({ intent: { qty: "x" } });
    const err = toAppError(r.error);
    expect(err.status).toBe(400);
    expect(problemBody(err, "c1")).toMatchObject({ code: "invalid_request", correlation_id: "c1", errors: [{ path: "intent.qty" }] });
  });

  test("unknown errors never leak their message", () => {
    const body = problemBody(toAppError(new Error("password=hunter2 at db.ts:12")), "c2");
    expect(body.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
  });

  test("risk blocks carry the rule", () => {
    const body = problemBody(new AppError("risk_blocked", "3 of 3", { rule: "max_open_trades" }), "c3");
    expect(body).toMatchObject({ status: 422, rule: "max_open_trades", type: "https://unify.dev/problems/risk_blocked" });
  });
});
