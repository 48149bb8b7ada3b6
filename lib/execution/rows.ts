import type { OrderEvent, PositionEvent } from "@/lib/events/subjects";
import { tradingDay } from "@/lib/risk/zoned-clock";
import { toMinutes } from "@/lib/risk/trading-hours";
import type { TradingHours } from "@/lib/risk/schemas";
import type { BrokerId, OrderStatus, OrderType, Side } from "@/brokers/types";

/** A trailing stop as stored: its distance in price units and the level it has reached. */
export type TrailingState = { distance: number; stop: number | null };

export type OrderRow = {
  id: string;
  user_id: string;
  account_id: string;
  broker: BrokerId;
  symbol: string;
  action: string;
  side: Side;
  type: OrderType;
  qty: number;
  filled_qty: number;
  price: number | null;
  avg_price: number | null;
  stop_loss: number | null;
  take_profit: number | null;
  trailing_stop: TrailingState | null;
  value_per_point: number;
  status: OrderStatus;
  reason: string | null;
  broker_order_id: string | null;
  position_id: string | null;
  tag: string | null;
  source: string;
  correlation_id: string | null;
  created_at: Date;
  updated_at: Date;
  filled_at: Date | null;
};

export type PositionRow = {
  id: string;
  user_id: string;
  account_id: string;
  broker: BrokerId;
  symbol: string;
  side: Side;
  qty: number;
  entry_price: number;
  current_price: number | null;
  unrealized_pnl: number;
  realized_pnl: number;
  stop_loss: number | null;
  take_profit: number | null;
  trailing_stop: TrailingState | null;
  value_per_point: number;
  status: "open" | "closed";
  entries: number;
  broker_position_id: string | null;
  tag: string | null;
  opened_at: Date;
  closed_at: Date | null;
  updated_at: Date;
};

export const FINAL_ORDER_STATUSES: OrderStatus[] = ["filled", "rejected", "cancelled", "expired"];

export function orderEvent(o: OrderRow): OrderEvent {
  return {
    id: o.id,
    account_id: o.account_id,
    broker: o.broker,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    action: o.action,
    qty: o.qty,
    filled_qty: o.filled_qty,
    avg_price: o.avg_price,
    status: o.status,
    reason: o.reason,
  };
}

export function positionEvent(p: PositionRow): PositionEvent {
  return {
    id: p.id,
    account_id: p.account_id,
    broker: p.broker,
    symbol: p.symbol,
    side: p.side,
    qty: p.qty,
    entry_price: p.entry_price,
    current_price: p.current_price,
    unrealized_pnl: p.unrealized_pnl,
    realized_pnl: p.realized_pnl,
    stop_loss: p.stop_loss,
    take_profit: p.take_profit,
    status: p.status,
  };
}

/**
 * The trading day daily counters (trades, realised P&L) belong to: the calendar day in
 * the time zone of the account's trading hours (UTC unless the trader set one), the same
 * day the risk rules speak of. With an overnight window (22:00–02:00) on, the day turns
 * when the window closes: the session keeps the day it opened on.
 */
export function statsDay(now: Date, hours: TradingHours): string {
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  return tradingDay(now, hours.timezone, hours.enabled && end < start ? end : undefined);
}

/** json_agg returns timestamps as strings and numerics as numbers: bring dates back. */
export function revivePosition(p: PositionRow): PositionRow {
  const raw = p as unknown as Record<string, unknown>;
  return {
    ...p,
    opened_at: new Date(raw.opened_at as string),
    closed_at: raw.closed_at ? new Date(raw.closed_at as string) : null,
    updated_at: new Date(raw.updated_at as string),
  };
}
