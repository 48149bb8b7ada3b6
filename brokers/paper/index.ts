/** The paper broker: the adapter plus the pure simulation functions the tick loop uses. */
export { PaperAdapter, type PaperAdapterOptions, type PaperPositionRef } from "./adapter";
export { marketFillPrice, exitPrice, type BidAsk } from "./fill-price";
export { restingOrderFill, type RestingOrder } from "./resting-order-fill";
export { exitTrigger, type ExitReason, type ExitTrigger, type ProtectedPosition } from "./exit-trigger";
export { ratchetTrailingStop } from "./trailing-stop";
export { markPosition, type PaperPosition, type PositionMark } from "./mark-position";
export { positionPnl, roundMoney } from "./pnl";
export { DEFAULT_LEVERAGE, marginRefusal, notional, positionMargin, requiredMargin } from "./margin";
export { equity, freeMargin } from "./equity";
export { DEFAULT_STARTING_BALANCE, MAX_STARTING_BALANCE, parseStartingBalance } from "./starting-balance";
