import type { BrokerId, Side } from "@/brokers/types";

/** One closed position: a round trip, with its realised P&L in the account currency. */
export type ClosedTrade = {
  id: string;
  account_id: string;
  account_name: string;
  currency: string;
  broker: BrokerId;
  symbol: string;
  side: Side;
  qty: number;
  entry_price: number;
  exit_price: number | null;
  realized_pnl: number;
  tag: string | null;
  opened_at: Date;
  closed_at: Date;
};

/** One equity_history snapshot of one account (t in epoch milliseconds). */
export type AccountPoint = { account_id: string; t: number; equity: number; balance: number };

/** The user's equity and balance summed across accounts at one instant (t in epoch milliseconds). */
export type TotalPoint = { t: number; equity: number; balance: number };

/** An account's first and last equity of one UTC day (day as YYYY-MM-DD). */
export type AccountDay = { account_id: string; day: string; open: number; close: number };

/** A resolved time window: from inclusive (null = since the beginning), to exclusive. */
export type TimeRange = { from: Date | null; to: Date };
