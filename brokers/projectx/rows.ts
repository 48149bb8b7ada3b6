import type { BrokerOrder, BrokerPosition, PlaceOrderResult } from "@/brokers/types";
import { asRecord, num, str } from "@/brokers/shared/json";
import { orderStatusFromPx, orderTypeFromPx, positionSideFromPx, sideFromPx } from "./enums";
import { rootForContractId } from "./contracts";

/** An order from Order/search or Order/searchOpen as the outcome of placing it. */
export function pxOrderResult(raw: unknown): PlaceOrderResult {
  const o = asRecord(raw);
  const size = num(o.size);
  const fillVolume = num(o.fillVolume);
  const status = orderStatusFromPx(num(o.status), size, fillVolume);
  return {
    status,
    brokerOrderId: str(o.id),
    filledQty: fillVolume ?? (status === "filled" ? size : undefined),
    avgPrice: num(o.filledPrice) || undefined,
  };
}

/** An order as a BrokerOrder. */
export function pxOrderToBrokerOrder(raw: unknown): BrokerOrder {
  const o = asRecord(raw);
  const result = pxOrderResult(o);
  return {
    brokerOrderId: result.brokerOrderId ?? "",
    clientOrderId: str(o.customTag),
    symbol: rootForContractId(str(o.contractId) ?? ""),
    side: sideFromPx(num(o.side)),
    type: orderTypeFromPx(num(o.type)),
    qty: num(o.size) ?? 0,
    filledQty: result.filledQty ?? 0,
    price: num(o.limitPrice) ?? num(o.stopPrice),
    avgPrice: result.avgPrice,
    status: result.status,
  };
}

/** A position from Position/searchOpen as a BrokerPosition. */
export function pxPositionToBrokerPosition(raw: unknown): BrokerPosition {
  const p = asRecord(raw);
  return {
    symbol: rootForContractId(str(p.contractId) ?? ""),
    side: positionSideFromPx(num(p.type)),
    qty: num(p.size) ?? 0,
    entryPrice: num(p.averagePrice) ?? 0,
    brokerPositionId: str(p.id),
  };
}
