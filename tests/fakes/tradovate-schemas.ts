/**
 * Request bodies of the Tradovate endpoints the fake serves, from the Tradovate API
 * reference (partner.tradovate.com): AccessTokenRequest, PlaceOrder, PlaceOSO,
 * LiquidatePosition, CancelOrder, and the cash-balance snapshot request.
 */
import { z } from "zod";
import { TV_ORDER_TYPES } from "./tradovate-data";

const tag = z.string().max(64);
const action = z.enum(["Buy", "Sell"]);
const orderType = z.enum(TV_ORDER_TYPES);
const timeInForce = z.enum(["Day", "FOK", "GTC", "GTD", "IOC"]);

/** The docs' examples send `cid` as a number (`cid: 0`) and as a string (`'your_cid'`); both are accepted. */
export const accessTokenBody = z.object({
  name: z.string().min(1),
  password: z.string().min(1),
  appId: z.string().min(1),
  appVersion: z.string().min(1),
  cid: z.union([z.number().int(), z.string().regex(/^\d+$/, "cid must be the numeric API key id")]),
  sec: z.string().min(1),
  deviceId: z.string().optional(),
});

export const placeOrderBody = z.object({
  accountSpec: z.string().min(1),
  accountId: z.number().int(),
  clOrdId: tag.optional(),
  action,
  symbol: z.string().min(1),
  orderQty: z.number().int().positive(),
  orderType,
  price: z.number().optional(),
  stopPrice: z.number().optional(),
  maxShow: z.number().int().nonnegative().optional(),
  pegDifference: z.number().optional(),
  timeInForce: timeInForce.optional(),
  expireTime: z.string().optional(),
  text: tag.optional(),
  activationTime: z.string().optional(),
  customTag50: tag.optional(),
  isAutomated: z.boolean().optional(),
});

/** A bracket of `placeOSO` ("bracket1 {action, orderType, price}"); `orderQty` defaults to the parent's (unconfirmed). */
const bracket = z.object({
  action,
  clOrdId: tag.optional(),
  orderType,
  price: z.number().optional(),
  stopPrice: z.number().optional(),
  orderQty: z.number().int().positive().optional(),
  maxShow: z.number().int().nonnegative().optional(),
  pegDifference: z.number().optional(),
  timeInForce: timeInForce.optional(),
  expireTime: z.string().optional(),
  text: tag.optional(),
});

export const placeOsoBody = placeOrderBody.extend({ bracket1: bracket, bracket2: bracket.optional() });

export const liquidateBody = z.object({ accountId: z.number().int(), contractId: z.number().int(), admin: z.boolean(), customTag50: tag.optional(), isAutomated: z.boolean().optional() });

export const cancelBody = z.object({ orderId: z.number().int(), clOrdId: tag.optional(), activationTime: z.string().optional(), customTag50: tag.optional(), isAutomated: z.boolean().optional() });

export const snapshotBody = z.object({ accountId: z.number().int() });

/** Order types that need a price / stop price to mean anything. */
export function missingPrice(o: { orderType: string; price?: number; stopPrice?: number }): string | undefined {
  if ((o.orderType === "Limit" || o.orderType === "StopLimit") && o.price === undefined) return `${o.orderType} orders need price`;
  if ((o.orderType === "Stop" || o.orderType === "StopLimit") && o.stopPrice === undefined) return `${o.orderType} orders need stopPrice`;
  return undefined;
}
