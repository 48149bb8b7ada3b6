/** Short broker names for selectors (the connect form has the long descriptions). */
export const BROKER_LABELS: Record<string, string> = {
  paper: "Paper",
  tradelocker: "TradeLocker",
  topstep: "Topstep",
  tradovate: "Tradovate",
  mt5: "MetaTrader 5",
  mt4: "MetaTrader 4",
};

/** A broker in the settings selector: whether the user has an account there and whether it has its own settings. */
export type BrokerScope = { id: string; label: string; connected: boolean; hasOverride: boolean };
