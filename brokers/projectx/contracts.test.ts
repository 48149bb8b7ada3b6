import { afterEach, describe, expect, test } from "vitest";
import { contractToInstrument, pickContract, readContracts, rootForContractId } from "./contracts";

const now = new Date(Date.UTC(2025, 9, 1)); // Dec 2025 (Z25) is the front quarterly
const search = {
  contracts: [
    { id: "CON.F.US.ENQ.Z25", name: "ENQZ25", tickSize: 0.25, tickValue: 5, activeContract: true },
    { id: "CON.F.US.ENQ.H26", name: "ENQH26", tickSize: 0.25, tickValue: 5, activeContract: false },
    { id: "CON.F.US.MNQ.Z25", name: "MNQZ25", tickSize: 0.25, tickValue: 0.5, activeContract: true },
    { id: "CON.F.US.MNQ.H26", name: "MNQH26", tickSize: 0.25, tickValue: 0.5, activeContract: false },
    { id: "CON.F.US.NQG.Z25", name: "NQGZ25", tickSize: 0.005, tickValue: 12.5, activeContract: true },
    { id: "CON.F.US.BAD.Z25", name: "BAD" },
  ],
};
const contracts = readContracts(search);

afterEach(() => {
  delete process.env.PROJECTX_SYMBOL_ALIASES;
});

describe("ProjectX contract resolution", () => {
  test("skips contracts without tick data", () => {
    expect(contracts).toHaveLength(5);
  });

  test("continuous NQ1! is the active E-mini, not the natural-gas look-alike", () => {
    expect(pickContract("NQ1!", contracts, now)?.id).toBe("CON.F.US.ENQ.Z25");
    expect(pickContract("MNQ1!", contracts, now)?.id).toBe("CON.F.US.MNQ.Z25");
    expect(pickContract("MNQ", contracts, now)?.id).toBe("CON.F.US.MNQ.Z25");
  });

  test("dated tickers pick their month in both year spellings; NQ2! the next", () => {
    expect(pickContract("MNQH6", contracts, now)?.id).toBe("CON.F.US.MNQ.H26");
    expect(pickContract("MNQH2026", contracts, now)?.id).toBe("CON.F.US.MNQ.H26");
    expect(pickContract("NQ2!", contracts, now)?.id).toBe("CON.F.US.ENQ.H26");
    expect(pickContract("MNQM6", contracts, now)).toBeUndefined();
  });

  test("product codes map back to our roots, with operator overrides", () => {
    expect(rootForContractId("CON.F.US.ENQ.Z25")).toBe("NQ");
    expect(rootForContractId("CON.F.US.MNQ.Z25")).toBe("MNQ");
    process.env.PROJECTX_SYMBOL_ALIASES = JSON.stringify({ RTY: ["RTYX"] });
    expect(rootForContractId("CON.F.US.RTYX.Z25")).toBe("RTY");
  });

  test("instrument: valuePerPoint = tickValue / tickSize, 1–50 contracts", () => {
    expect(contractToInstrument(contracts[2])).toMatchObject({
      symbol: "MNQ",
      brokerSymbol: "CON.F.US.MNQ.Z25",
      kind: "index_future",
      minQty: 1,
      maxQty: 50,
      qtyStep: 1,
      tickSize: 0.25,
      valuePerPoint: 2,
      contractSize: 1,
      meta: { contractId: "CON.F.US.MNQ.Z25", tickValue: 0.5 },
    });
    expect(contractToInstrument(contracts[0]).valuePerPoint).toBe(20);
  });
});
