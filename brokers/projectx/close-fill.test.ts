import { describe, expect, test } from "vitest";
import { closeOrderFill } from "./close-fill";

const contractId = "CON.F.US.MNQ.Z25";
const order = (id: number, at: string, extra: Record<string, unknown>) => ({ id, accountId: 704, contractId, creationTimestamp: at, status: 2, type: 2, ...extra });

describe("closeOrderFill", () => {
  const entry = order(36598, "2025-07-18T21:00:01.268009+00:00", { side: 0, size: 2, fillVolume: 2, filledPrice: 20_000 });
  const close = order(36601, "2025-07-18T21:05:00.100000+00:00", { side: 1, size: 2, fillVolume: 2, filledPrice: 20_010 });

  test("the newest exit-side order of the contract is the close; its filledPrice is the fill", () => {
    expect(closeOrderFill([entry, close], { contractId, side: 1, size: 2 })).toEqual({ filledQty: 2, avgPrice: 20_010 });
  });

  test("an earlier exit is not taken for the close, nor a close that filled only in part", () => {
    const earlier = order(36599, "2025-07-18T21:02:00+00:00", { side: 1, size: 1, fillVolume: 1, filledPrice: 20_005 });
    expect(closeOrderFill([entry, earlier], { contractId, side: 1, size: 2 })).toBeUndefined();
    const part = order(36602, "2025-07-18T21:06:00+00:00", { side: 1, size: 2, fillVolume: 1, filledPrice: 20_012 });
    expect(closeOrderFill([entry, close, part], { contractId, side: 1, size: 2 })).toBeUndefined();
  });

  test("other contracts and unfilled orders are ignored; ties in time go to the higher id", () => {
    const other = order(36603, "2025-07-18T21:05:00.100000+00:00", { contractId: "CON.F.US.EP.U25", side: 1, size: 2, fillVolume: 2, filledPrice: 6_335 });
    const resting = order(36604, "2025-07-18T21:07:00+00:00", { side: 1, size: 2, fillVolume: 0, filledPrice: null, status: 1 });
    const twin = order(36600, "2025-07-18T21:05:00.100000+00:00", { side: 1, size: 2, fillVolume: 2, filledPrice: 19_990 });
    expect(closeOrderFill([twin, close, other, resting], { contractId, side: 1, size: 2 })).toEqual({ filledQty: 2, avgPrice: 20_010 });
  });
});
