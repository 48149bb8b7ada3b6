import type { Metadata } from "next";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { listPositions } from "@/lib/trading/list-positions";
import { listOrders } from "@/lib/trading/list-orders";
import { PositionsMonitor } from "@/components/positions/positions-monitor";
import { OrdersPanel } from "@/components/positions/orders-panel";
import { ORDERS_PAGE } from "@/components/positions/order-status";
import { EmergencyStop } from "@/components/positions/emergency-stop";

export const metadata: Metadata = { title: "Positions" };

/** Positions monitor: live open positions, the emergency stop, and the orders list. */
export default async function PositionsPage() {
  const user = await requireUser();
  const [accounts, positions, orders] = await Promise.all([
    listAccounts(user),
    listPositions(user, { status: "open", limit: 200 }),
    listOrders(user, { limit: ORDERS_PAGE }),
  ]);
  const accountNames = Object.fromEntries(accounts.map((a) => [a.id, a.name]));
  return (
    <>
      <h1 className="text-2xl font-semibold">Positions</h1>
      <EmergencyStop accountNames={accountNames} />
      <PositionsMonitor initial={positions} accountNames={accountNames} />
      <OrdersPanel initial={{ items: orders.orders, next: orders.next_cursor }} />
    </>
  );
}
