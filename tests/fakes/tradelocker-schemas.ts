/**
 * Request bodies of the TradeLocker endpoints, as documented on TradeLocker's public API
 * reference (public-api.tradelocker.com, "Place a new order", "Close a position", …).
 * Numbers may arrive as numeric strings: TradeLocker's own Python client sends `qty`,
 * `routeId` and `tradableInstrumentId` that way, so the server evidently accepts both.
 */
import { z } from "zod";
import { numberOrNumericString } from "./body-check";

export const credentialsBody = z.object({ email: z.string().min(1), password: z.string().min(1), server: z.string().min(1) });

export const refreshBody = z.object({ refreshToken: z.string().min(1) });

const stopLossType = z.enum(["absolute", "offset", "trailingOffset"]);
const takeProfitType = z.enum(["absolute", "offset"]);

/** "Fields qty, routeId, side, validity, type, tradableInstrumentId are mandatory"; `strategyId` "up to 31 chars". */
export const placeOrderBody = z.object({
  qty: numberOrNumericString,
  routeId: numberOrNumericString,
  side: z.enum(["buy", "sell"]),
  validity: z.enum(["IOC", "GTC"]),
  type: z.enum(["market", "limit", "stop"]),
  tradableInstrumentId: numberOrNumericString,
  price: numberOrNumericString.nullish(),
  stopPrice: numberOrNumericString.nullish(),
  stopLoss: numberOrNumericString.nullish(),
  stopLossType: stopLossType.nullish(),
  takeProfit: numberOrNumericString.nullish(),
  takeProfitType: takeProfitType.nullish(),
  strategyId: z.string().max(31, "strategyId is limited to 31 characters").nullish(),
});

/** "If you want to fully close position set parameter qty to 0". */
export const closePositionBody = z.object({ qty: numberOrNumericString });

export const modifyPositionBody = z.object({
  stopLoss: numberOrNumericString.nullish(),
  stopLossType: stopLossType.nullish(),
  takeProfit: numberOrNumericString.nullish(),
  takeProfitType: takeProfitType.nullish(),
});

export const modifyOrderBody = z.object({
  qty: numberOrNumericString.nullish(),
  price: numberOrNumericString.nullish(),
  stopPrice: numberOrNumericString.nullish(),
  validity: z.enum(["IOC", "GTC"]).nullish(),
  stopLoss: numberOrNumericString.nullish(),
  stopLossType: stopLossType.nullish(),
  takeProfit: numberOrNumericString.nullish(),
  takeProfitType: takeProfitType.nullish(),
});
