import type { AccountRef, BrokerAdapter, Instrument, Side } from "@/brokers/types";
import { applyBrokerLimits } from "@/lib/sizing/broker-limits";

export type MarketContext = { instrument: Instrument; price: number | null; bid: number | null; ask: number | null };

/**
 * The instrument (with the broker's quantity limits applied) and a reference price for
 * sizing: the broker's quote where it offers one over REST, else the alert's own price
 * (TradingView's {{close}}). Resolved before the transaction: broker calls never hold a lock.
 */
export async function marketContext(adapter: BrokerAdapter, ref: AccountRef, ticker: string, alertPrice: number | undefined, side?: Side): Promise<MarketContext> {
  const instrument = applyBrokerLimits(adapter.id, await adapter.instrument(ref, ticker));
  let bid: number | null = null;
  let ask: number | null = null;
  if (adapter.quote) {
    try {
      ({ bid, ask } = await adapter.quote(ref, instrument));
    } catch {
      // No quote: fall back to the alert's price below.
    }
  }
  const fromQuote = bid !== null && ask !== null ? (side === "sell" ? bid : side === "buy" ? ask : (bid + ask) / 2) : null;
  return { instrument, price: fromQuote ?? alertPrice ?? null, bid, ask };
}
