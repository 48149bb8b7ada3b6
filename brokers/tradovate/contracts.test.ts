import { describe, expect, test } from "vitest";
import { rootForContractName, tradovateContractName, tradovateInstrument } from "./contracts";
import { describeFailure } from "./failure-reason";
import { tradovateOrderStatus } from "./order-status";

const now = new Date(Date.UTC(2025, 9, 1));

describe("Tradovate contracts", () => {
  test("tickers become contract names with a one-digit year", () => {
    expect(tradovateContractName("NQ1!", now)).toEqual({ root: "NQ", name: "NQZ5", next: "NQH6" });
    expect(tradovateContractName("MNQZ2025", now)).toEqual({ root: "MNQ", name: "MNQZ5" });
    expect(tradovateContractName("CME_MINI:ES2!", now)).toEqual({ root: "ES", name: "ESH6", next: "ESM6" });
    expect(tradovateContractName("MES", now)).toEqual({ root: "MES", name: "MESZ5", next: "MESH6" });
    expect(() => tradovateContractName("EURUSD", now)).toThrow(/futures/);
  });

  test("a monthly contract whose computed month Tradovate may already have expired names the next month as fallback", () => {
    // 25 Nov 2026: CLZ6 stopped trading around 19 Nov, yet the equity-style roll keeps it until 10 Dec.
    expect(tradovateContractName("CL1!", new Date(Date.UTC(2026, 10, 25)))).toEqual({ root: "CL", name: "CLZ6", next: "CLF7" });
    expect(tradovateContractName("CLZ2026", new Date(Date.UTC(2026, 10, 25)))).toEqual({ root: "CL", name: "CLZ6" });
  });

  test("contract names map back to roots", () => {
    expect(rootForContractName("MNQZ5")).toBe("MNQ");
    expect(rootForContractName("ESH6")).toBe("ES");
  });

  test("instrument from the Product entity, else from exchange specs; 1–50 contracts", () => {
    expect(tradovateInstrument("MNQ", { id: 1, name: "MNQZ5" }, { tickSize: 0.25, valuePerPoint: 2 })).toMatchObject({
      tickSize: 0.25,
      valuePerPoint: 2,
      minQty: 1,
      maxQty: 50,
      qtyStep: 1,
      meta: { contractId: 1, contractName: "MNQZ5" },
    });
    expect(tradovateInstrument("ES", { id: 2, name: "ESZ5" }, null)).toMatchObject({ tickSize: 0.25, valuePerPoint: 50 });
    expect(() => tradovateInstrument("ZZZ", { id: 3, name: "ZZZZ5" }, null)).toThrow(/tick size/);
  });
});

describe("Tradovate statuses and failures", () => {
  test("ordStatus mapping", () => {
    expect(tradovateOrderStatus("Filled")).toBe("filled");
    expect(tradovateOrderStatus("Working")).toBe("submitted");
    expect(tradovateOrderStatus("Working", 3, 1)).toBe("partially_filled");
    expect(tradovateOrderStatus("Canceled")).toBe("cancelled");
    expect(tradovateOrderStatus("Rejected")).toBe("rejected");
    expect(tradovateOrderStatus("Expired")).toBe("expired");
    // Cancelled or expired with fills: done, so cancelled (filledQty carries the fills).
    expect(tradovateOrderStatus("Canceled", 4, 2)).toBe("cancelled");
    expect(tradovateOrderStatus("Canceled", undefined, 2)).toBe("cancelled");
    expect(tradovateOrderStatus("Expired", 4, 2)).toBe("cancelled");
  });

  test("failure reasons read as sentences, with Tradovate's text", () => {
    expect(describeFailure("SessionClosed", undefined)).toBe("The market session is closed.");
    expect(describeFailure("MaxPosLimitReached", "Max position 5")).toBe("The account's maximum position size would be exceeded. (Max position 5)");
    expect(describeFailure("SomethingNew", undefined)).toBe("Something New.");
    expect(describeFailure(undefined, "Insufficient margin")).toBe("Insufficient margin");
  });
});
