import { afterEach, describe, expect, test } from "vitest";
import type { PlaceOrderRequest } from "@/brokers/types";
import { contractToInstrument } from "./contracts";
import { projectXOrderBody } from "./order-body";

const instrument = contractToInstrument({ id: "CON.F.US.MNQ.Z25", name: "MNQZ25", tickSize: 0.25, tickValue: 0.5, active: true });
const base: PlaceOrderRequest = { clientOrderId: "3f2b8c1e-9d4a-4e5b-8c7d-112233445566", instrument, side: "buy", type: "market", qty: 2 };

afterEach(() => {
  delete process.env.PROJECTX_SIGNED_BRACKET_TICKS;
});

describe("projectXOrderBody", () => {
  test("market order with our id as customTag", () => {
    expect(projectXOrderBody(base, 465)).toEqual({
      accountId: 465,
      contractId: "CON.F.US.MNQ.Z25",
      type: 2,
      side: 0,
      size: 2,
      limitPrice: null,
      stopPrice: null,
      trailPrice: null,
      customTag: base.clientOrderId,
    });
  });

  test("brackets in ticks from the reference price, signed by direction", () => {
    const body = projectXOrderBody({ ...base, price: 20000, stopLoss: 19990, takeProfit: 20020 }, 465);
    expect(body).toMatchObject({ stopLossBracket: { ticks: -40, type: 4 }, takeProfitBracket: { ticks: 80, type: 1 } });
    const short = projectXOrderBody({ ...base, side: "sell", price: 20000, stopLoss: 20005, takeProfit: 19990 }, 465);
    expect(short).toMatchObject({ stopLossBracket: { ticks: 20 }, takeProfitBracket: { ticks: -40 } });
  });

  test("unsigned ticks when configured", () => {
    process.env.PROJECTX_SIGNED_BRACKET_TICKS = "false";
    expect(projectXOrderBody({ ...base, price: 20000, stopLoss: 19990 }, 1)).toMatchObject({ stopLossBracket: { ticks: 40 } });
  });

  test("limit and stop orders carry their price and use it as the bracket reference", () => {
    expect(projectXOrderBody({ ...base, type: "limit", price: 19950, takeProfit: 20000 }, 1)).toMatchObject({
      type: 1,
      limitPrice: 19950,
      takeProfitBracket: { ticks: 200 },
    });
    expect(projectXOrderBody({ ...base, type: "stop", side: "sell", price: 19900 }, 1)).toMatchObject({ type: 4, side: 1, stopPrice: 19900 });
  });

  test("a trailing stop is a TrailingStop bracket that needs no reference", () => {
    expect(projectXOrderBody({ ...base, trailing: { distance: 5 } }, 1)).toMatchObject({ stopLossBracket: { ticks: -20, type: 5 } });
  });

  test("refuses to send a market bracket it cannot express in ticks", () => {
    expect(projectXOrderBody({ ...base, stopLoss: 19990 }, 1)).toEqual({ refused: expect.stringContaining("reference price") });
    expect(projectXOrderBody({ ...base, price: 20000, stopLoss: 20000.1 }, 1)).toEqual({ refused: expect.stringContaining("less than one tick") });
  });
});
