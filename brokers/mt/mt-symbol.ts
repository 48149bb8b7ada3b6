import { BrokerError, type Instrument, type InstrumentKind } from "@/brokers/types";
import { withoutAccountValue } from "@/brokers/shared/account-value";
import { findInstrument } from "@/lib/market/instruments";
import { parseTicker } from "@/lib/market/symbols";

/**
 * TradingView ticker → the instrument we trade through MetaTrader.
 *
 * Commands carry our canonical symbol (`OANDA:EURUSD` → `EURUSD`). Brokers name the same
 * symbol differently in the terminal (`EURUSD.m`, `EURUSDpro`, `GOLD` for XAUUSD); that
 * mapping lives in the EA's inputs (InpSymbolSuffix, InpSymbolMap) because the terminal
 * is the one place that knows its symbol list — one EA per account, so it is a per-account
 * setting. The EA also finds a suffixed symbol by itself when the suffix input is empty.
 *
 * Lots 0.01–100 in steps of 0.01, 1 FX lot = 100,000 units (seed 000). Tick and pip sizes
 * come from our instrument catalog. Value per point must be in the ACCOUNT's currency
 * (sizing compares it with equity): an instrument quoted in that currency is valued
 * exactly (1.0 move × 100,000 units = 100,000 per FX lot). The EA sends Unify no prices,
 * so for any other quote currency there is no current rate to convert with: the
 * instrument keeps the value it had (closing and fixed quantities still work) but is
 * marked, and sizing refuses the quantity modes that depend on its value.
 */
export const MT_LOTS = { minQty: 0.01, maxQty: 100, qtyStep: 0.01 } as const;
export const MT_FX_LOT = 100_000;

const TRADABLE_KINDS: ReadonlySet<InstrumentKind> = new Set(["fx", "metal", "crypto", "index"]);
const CURRENCIES = new Set(["AUD", "CAD", "CHF", "CNH", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "JPY", "MXN", "NOK", "NZD", "PLN", "SEK", "SGD", "TRY", "USD", "ZAR"]);
// What MT brokers list instead of the CME futures a TradingView chart may be on.
const CFD_FOR_FUTURE: Record<string, string> = { ES: "SPX500", MES: "SPX500", NQ: "NAS100", MNQ: "NAS100", YM: "US30", MYM: "US30", GC: "XAUUSD", MGC: "XAUUSD" };

function futuresRefusal(root: string, ticker: string): BrokerError {
  const cfd = CFD_FOR_FUTURE[root];
  const hint = cfd ? ` Send ${cfd}, the CFD MetaTrader brokers list for it.` : "";
  return new BrokerError(`${ticker} is a futures contract; MetaTrader brokers trade CFDs, not exchange futures.${hint}`, "rejected", "unknown_symbol");
}

/**
 * The MetaTrader instrument for a ticker on an account in `accountCurrency` (what the EA
 * reports as ACCOUNT_CURRENCY); BrokerError "rejected" (unknown_symbol) when there is none.
 */
export function resolveMtInstrument(ticker: string, accountCurrency = "USD"): Instrument {
  const account = accountCurrency.trim().toUpperCase();
  const parsed = parseTicker(ticker);
  if (parsed.kind !== "plain") throw futuresRefusal(parsed.root, ticker);
  const entry = findInstrument(parsed.symbol);
  if (entry && !TRADABLE_KINDS.has(entry.kind)) throw futuresRefusal(entry.symbol, ticker);
  if (entry) {
    // FX at MT: 100,000 units per lot; the catalog's value per point is per lot of its own contract size.
    const contractSize = entry.kind === "fx" ? MT_FX_LOT : entry.contractSize;
    const instrument: Instrument = {
      symbol: entry.symbol,
      brokerSymbol: entry.symbol,
      kind: entry.kind,
      ...MT_LOTS,
      tickSize: entry.tickSize,
      pipSize: entry.pipSize,
      contractSize,
      // USD, at the catalog's start prices for pairs quoted in another currency.
      valuePerPoint: entry.kind === "fx" ? (entry.valuePerPoint / entry.contractSize) * MT_FX_LOT : entry.valuePerPoint,
    };
    return inAccountCurrency(instrument, entry.quoteCurrency, account);
  }
  const s = parsed.symbol;
  if (/^[A-Z]{6}$/.test(s) && CURRENCIES.has(s.slice(0, 3)) && CURRENCIES.has(s.slice(3)) && s.slice(0, 3) !== s.slice(3)) {
    const quote = s.slice(3);
    // Outside the catalog only pairs quoted in USD (valued in USD, as before) or in the account's own currency resolve.
    if (quote === "USD" || quote === account) {
      const instrument: Instrument = { symbol: s, brokerSymbol: s, kind: "fx", ...MT_LOTS, tickSize: 0.00001, pipSize: 0.0001, contractSize: MT_FX_LOT, valuePerPoint: MT_FX_LOT };
      return inAccountCurrency(instrument, quote, account);
    }
    throw new BrokerError(
      `${s} is quoted in ${quote}; Unify can size MetaTrader FX orders only for pairs quoted in the account's currency (${account}), USD or listed in its instrument catalog.`,
      "rejected",
      "unknown_symbol",
    );
  }
  throw new BrokerError(`Unknown symbol ${s} for MetaTrader: Unify has no tick size or value for it.`, "rejected", "unknown_symbol");
}

/** Exact when quoted in the account's currency (contract size per 1.0 move); otherwise marked, so sizing by risk, cash or % of equity is refused. */
function inAccountCurrency(instrument: Instrument, quote: string, account: string): Instrument {
  if (quote === account) return { ...instrument, valuePerPoint: instrument.contractSize };
  return withoutAccountValue(
    instrument,
    `${instrument.symbol} is quoted in ${quote} and this MetaTrader account is in ${account}, and the EA sends Unify no ${quote}/${account} rate`,
  );
}
