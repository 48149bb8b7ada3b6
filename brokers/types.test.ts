import { describe, expect, test } from "vitest";
import { BrokerError } from "./types";
import { AppError, toAppError } from "@/lib/http/errors";

describe("error types across bundled module copies", () => {
  test("an error from another copy of the module is still recognised by instanceof", () => {
    const foreignBroker = Object.assign(new Error("Unknown symbol"), { [Symbol.for("unify.BrokerError")]: true, kind: "rejected" });
    expect(foreignBroker instanceof BrokerError).toBe(true);
    expect(new Error("plain") instanceof BrokerError).toBe(false);
    const foreignApp = Object.assign(new Error("nope"), { [Symbol.for("unify.AppError")]: true, code: "conflict", detail: "nope", extras: {}, status: 409 });
    expect(foreignApp instanceof AppError).toBe(true);
    expect(toAppError(foreignApp)).toBe(foreignApp);
    expect(new BrokerError("x", "timeout") instanceof BrokerError).toBe(true);
    expect(new AppError("conflict", "x") instanceof AppError).toBe(true);
  });
});
