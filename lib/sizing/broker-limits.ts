/**
 * Account-wide quantity limits each broker imposes on top of an instrument's own (seed 000
 * and brokers.md). Data, not code: a broker changing its limits is a one-line edit here.
 */
import type { BrokerId, Instrument } from "@/brokers/types";
import { ceilToStep, floorToStep } from "./round-to-step";

export type BrokerLimits = {
  minQty: number;
  /** null: no broker-wide cap, the instrument's own maximum applies. */
  maxQty: number | null;
  qtyStep: number;
  unit: "lots" | "contracts";
  /** Maximum leverage (notional : margin), where the broker documents one. */
  maxLeverage?: number;
  /** Units in one FX lot; the instrument's value per point is rescaled to match. */
  fxContractSize?: number;
};

/** Per-broker limits; `null` means the instrument's own constraints are used as they are. */
export const BROKER_LIMITS: Record<BrokerId, BrokerLimits | null> = {
  // The paper simulator's instruments already carry realistic constraints.
  paper: null,
  tradelocker: { minQty: 0.01, maxQty: 100, qtyStep: 0.01, unit: "lots", maxLeverage: 500 },
  topstep: { minQty: 1, maxQty: 50, qtyStep: 1, unit: "contracts" },
  // Whole futures contracts; no broker-wide cap is documented, so the contract's own maximum applies.
  tradovate: { minQty: 1, maxQty: null, qtyStep: 1, unit: "contracts" },
  mt4: { minQty: 0.01, maxQty: 100, qtyStep: 0.01, unit: "lots", fxContractSize: 100_000 },
  mt5: { minQty: 0.01, maxQty: 100, qtyStep: 0.01, unit: "lots", fxContractSize: 100_000 },
};

/**
 * The instrument as it can be traded at `broker`: the coarser step, the higher minimum and
 * the lower maximum of the two (both kept on the step grid), and for FX at brokers that
 * define the lot size, that contract size with the value per point rescaled to it.
 */
export function applyBrokerLimits(broker: BrokerId, instrument: Instrument): Instrument {
  const limits = BROKER_LIMITS[broker];
  if (!limits) return instrument;
  const relot = limits.fxContractSize && instrument.kind === "fx" && instrument.contractSize !== limits.fxContractSize ? limits.fxContractSize : null;
  // The instrument's own limits are in its own lots: 500 lots of 10,000 units are 50 of 100,000.
  const perLot = relot ? instrument.contractSize / relot : 1;
  // toPrecision drops the product's float noise (0.3 × 0.1 = 0.030000000000000002), which would
  // otherwise become a step with 18 decimals.
  const inLots = (q: number) => Number((q * perLot).toPrecision(12));
  const own = { minQty: inLots(instrument.minQty), maxQty: inLots(instrument.maxQty), qtyStep: inLots(instrument.qtyStep) };
  const qtyStep = Math.max(own.qtyStep, limits.qtyStep);
  const minQty = ceilToStep(Math.max(own.minQty, limits.minQty), qtyStep);
  const maxQty = floorToStep(limits.maxQty === null ? own.maxQty : Math.min(own.maxQty, limits.maxQty), qtyStep);
  const merged: Instrument = { ...instrument, qtyStep, minQty, maxQty };
  if (relot) {
    // Value per point scales with units per lot: 1.0 move × 100,000 units = 100,000 per lot.
    merged.valuePerPoint = (instrument.valuePerPoint / instrument.contractSize) * relot;
    merged.contractSize = relot;
  }
  return merged;
}
