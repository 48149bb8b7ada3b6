import fc from "fast-check";
import type { Side } from "@/brokers/types";
import type { BidAsk } from "./fill-price";

/** Shared fast-check generators for the paper simulation's property tests. */
export const sideArb = fc.constantFrom<Side>("buy", "sell");
export const priceArb = fc.double({ min: 0.5, max: 100_000, noNaN: true, noDefaultInfinity: true });
export const quoteArb: fc.Arbitrary<BidAsk> = fc
  .tuple(priceArb, fc.double({ min: 0, max: 0.01, noNaN: true }))
  .map(([bid, relSpread]) => ({ bid, ask: bid * (1 + relSpread) }));
/** A quote near a reference price (within ±5 %), so levels around it are sometimes crossed. */
export const quoteNear = (price: number): fc.Arbitrary<BidAsk> =>
  fc
    .tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 0.002, noNaN: true }))
    .map(([move, relSpread]) => ({ bid: price * (1 + move), ask: price * (1 + move) * (1 + relSpread) }));
