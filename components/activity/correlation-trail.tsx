import Link from "next/link";
import type { OrderView } from "@/lib/trading/schemas";
import { OrdersTable } from "@/components/positions/orders-table";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The head of a correlation-id drill-down: which id, how to leave it, and the orders it
 * produced (the logs and webhook events below are filtered to the same id).
 */
export function CorrelationTrail({ id, orders }: { id: string; orders: OrderView[] }) {
  return (
    <section aria-labelledby="trail-title" className="rounded-lg border border-primary/50 bg-surface p-4" data-testid="correlation-trail">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="trail-title" className="text-base font-semibold">
          Trail of one request
        </h2>
        <code className="min-w-0 break-all rounded bg-surface-2 px-1.5 py-0.5 text-xs" data-testid="correlation-id">
          {id}
        </code>
        <CopyButton value={id} label="Copy correlation id" />
        <Link href="/activity" className="ml-auto text-sm text-primary underline">
          Show all activity
        </Link>
      </div>
      <p className="mt-1 text-sm text-muted">Logs, orders and webhook events carrying this correlation id, from the alert to the fill.</p>
      <h3 className="mt-3 text-sm font-semibold">Orders</h3>
      {orders.length ? (
        <OrdersTable orders={orders} />
      ) : (
        <p className="py-2 text-sm text-muted" data-testid="trail-orders-empty">
          No order carries this id (a refused alert never becomes an order).
        </p>
      )}
    </section>
  );
}
