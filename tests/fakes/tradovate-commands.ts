/**
 * Command and OrderVersion records of the Tradovate fake. A Tradovate Order entity carries
 * no client id, quantity or price (API reference, "Order": accountId, contractId, action,
 * ordStatus, ocoId, parentId…). Every request that acts on an order is a Command
 * (`orderId, clOrdId, commandType: New|Modify|Cancel, commandStatus, customTag50,
 * isAutomated`), and the order's terms are its OrderVersion (`orderId, orderQty,
 * orderType, price, stopPrice, timeInForce…`). Served by Command List/Item/Dependents and
 * Order Version Dependents (partner.tradovate.com, REST API endpoints › Orders).
 */
import type { TvOrder } from "./tradovate-data";

/** `commandType` values of the Command entity. */
export type TvCommandType = "Cancel" | "Modify" | "New";

/** `commandStatus` values of the Command entity. */
export const TV_COMMAND_STATUSES = [
  "AtExecution", "ExecutionRejected", "ExecutionStopped", "ExecutionSuspended", "OnHold",
  "Pending", "PendingExecution", "Replaced", "RiskPassed", "RiskRejected",
] as const;
export type TvCommandStatus = (typeof TV_COMMAND_STATUSES)[number];

export type TvCommand = {
  id: number;
  orderId: number;
  timestamp: string;
  commandType: TvCommandType;
  commandStatus: TvCommandStatus;
  clOrdId: string | null;
  customTag50: string | null;
  isAutomated: boolean;
};

/** Who sent a command: the optional client fields a request carries. */
export type TvCommandOrigin = { clOrdId: string | null; customTag50: string | null; isAutomated: boolean };

/** The Command entity as the API sends it: optional fields are left out when empty. */
export function commandView(c: TvCommand) {
  return {
    id: c.id,
    orderId: c.orderId,
    timestamp: c.timestamp,
    commandType: c.commandType,
    commandStatus: c.commandStatus,
    ...(c.clOrdId === null ? {} : { clOrdId: c.clOrdId }),
    ...(c.customTag50 === null ? {} : { customTag50: c.customTag50 }),
    isAutomated: c.isAutomated,
  };
}

/**
 * The OrderVersion of an order. The fake has no modifyorder, so each order has exactly one
 * version; it follows the book when an OSO bracket is sized to what its parent filled.
 */
export function orderVersionView(o: TvOrder) {
  return {
    id: o.versionId,
    orderId: o.id,
    orderQty: o.orderQty,
    orderType: o.orderType,
    ...(o.price === null ? {} : { price: o.price }),
    ...(o.stopPrice === null ? {} : { stopPrice: o.stopPrice }),
    ...(o.timeInForce === null ? {} : { timeInForce: o.timeInForce }),
  };
}
