/**
 * Tradovate's order `failureReason` values (PlaceOrderResult / CommandReport enum) in the
 * words a trader reads. Unknown values are split into words.
 */
const READABLE: Record<string, string> = {
  AccountClosed: "The Tradovate account is closed.",
  AdvancedTrailingStopUnsupported: "Tradovate does not support this trailing stop.",
  AnotherCommandPending: "Another command for this order is still pending at Tradovate.",
  BackMonthProhibited: "Trading a back-month contract is not allowed on this account.",
  ExecutionProviderNotConfigured: "Tradovate has no execution route for this contract.",
  ExecutionProviderUnavailable: "Tradovate's execution route is unavailable right now.",
  InvalidContract: "Tradovate does not know this contract.",
  InvalidPrice: "The price is not valid for this contract.",
  LiquidationOnly: "The account is in liquidation-only mode: only closing orders are accepted.",
  LiquidationOnlyBeforeExpiration: "The contract is close to expiry: only closing orders are accepted.",
  MaxOrderQtyIsNotSpecified: "The account has no maximum order size configured.",
  MaxOrderQtyLimitReached: "The order is larger than the account's maximum order size.",
  MaxPosLimitMisconfigured: "The account's position limit is misconfigured.",
  MaxPosLimitReached: "The account's maximum position size would be exceeded.",
  MaxTotalPosLimitReached: "The account's maximum total position would be exceeded.",
  MultipleAccountPlanRequired: "This needs a Tradovate plan with multiple accounts.",
  NoQuote: "There is no quote for this contract right now.",
  NotEnoughLiquidity: "There is not enough liquidity to fill the order.",
  OtherExecutionRelated: "The exchange refused the order.",
  ParentRejected: "The entry order was rejected, so its brackets were too.",
  RiskCheckTimeout: "Tradovate's risk check timed out.",
  SessionClosed: "The market session is closed.",
  TooLate: "The order arrived too late for this session.",
  TradingLocked: "Trading is locked on this account.",
  TrailingStopNonOrderQtyModify: "A trailing stop can only change its quantity.",
  Unauthorized: "The Tradovate login may not trade this account.",
  UnknownReason: "Tradovate refused the order without a reason.",
  Unsupported: "Tradovate does not support this order.",
};

/** A trader-readable sentence for a Tradovate failure, with Tradovate's own text when it gave one. */
export function describeFailure(reason: string | undefined, text: string | undefined): string {
  const base = reason ? (READABLE[reason] ?? `${reason.replace(/([a-z])([A-Z])/g, "$1 $2")}.`) : undefined;
  if (base && text && !base.toLowerCase().includes(text.toLowerCase())) return `${base} (${text})`;
  return base ?? text ?? "Tradovate refused the order.";
}
