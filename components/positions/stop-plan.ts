import { api } from "@/components/api-client";
import type { OrderView, PositionView } from "@/lib/trading/schemas";

/** What an emergency stop would do right now, counted from the API just before asking. */
export type StopPlan = { positions: number; positionAccounts: number; workingOrders: number; moreOrders: boolean; enabledAccounts: string[] };

const WORKING = ["pending", "submitted", "partially_filled"] as const;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Counts open positions, the accounts they are on, working orders and enabled accounts. */
export async function countStopPlan(): Promise<StopPlan> {
  const [{ positions }, { accounts }, ...orders] = await Promise.all([
    api<{ positions: Pick<PositionView, "account_id">[] }>("/positions?status=open&limit=500"),
    api<{ accounts: { name: string; enabled: boolean }[] }>("/accounts"),
    ...WORKING.map((s) => api<{ orders: Pick<OrderView, "id">[]; next_cursor: string | null }>(`/orders?status=${s}&limit=200`)),
  ]);
  return {
    positions: positions.length,
    positionAccounts: new Set(positions.map((p) => p.account_id)).size,
    workingOrders: orders.reduce((n, o) => n + o.orders.length, 0),
    moreOrders: orders.some((o) => o.next_cursor !== null),
    enabledAccounts: accounts.filter((a) => a.enabled).map((a) => a.name),
  };
}

/** The one sentence the confirmation shows: exactly what the stop is about to do. */
export function describeStopPlan(plan: StopPlan | null): string {
  if (!plan) return "Close every open position at market, cancel every working order, and disable every account so no alert trades until you re-enable them.";
  const orders = `${plan.moreOrders ? "more than " : ""}${plural(plan.workingOrders, "working order")}`;
  return `Close ${plural(plan.positions, "open position")} on ${plural(plan.positionAccounts, "account")} at market, cancel ${orders}, and disable every account so no alert trades until you re-enable them.`;
}
