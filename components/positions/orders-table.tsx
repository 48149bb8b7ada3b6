import { formatNumber } from "@/lib/format/money";
import type { OrderView } from "@/lib/trading/schemas";
import { LocalTime } from "@/components/activity/local-time";
import { CorrelationLink } from "@/components/activity/correlation-link";
import { OrderStatus } from "./order-status";

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-muted";
const td = "px-3 py-2 align-top";

/** Orders, newest first (symbol, side and status first so a phone shows them), each linking to its activity trail. */
export function OrdersTable({ orders }: { orders: OrderView[] }) {
  return (
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[820px] text-sm" data-testid="orders-table">
        <caption className="sr-only">Orders, newest first</caption>
        <thead className="border-b border-border">
          <tr>
            <th scope="col" className={th}>Symbol</th>
            <th scope="col" className={th}>Order</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} text-right`}>Filled / qty</th>
            <th scope="col" className={`${th} text-right`}>Avg price</th>
            <th scope="col" className={th}>Time</th>
            <th scope="col" className={th}>Source</th>
            <th scope="col" className={th}>Trail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {orders.map((o) => (
            <tr key={o.id} data-testid="order-row">
              <th scope="row" className={`${td} text-left font-semibold`}>
                {o.symbol}
              </th>
              <td className={td}>
                <span className={o.side === "buy" ? "text-profit" : "text-loss"}>{o.side}</span> {o.type}
                {o.action !== "entry" ? <span className="text-muted"> · {o.action}</span> : null}
              </td>
              <td className={`${td} max-w-64`}>
                <OrderStatus status={o.status} />
                {o.reason ? <p className="text-xs text-muted">{o.reason}</p> : null}
              </td>
              <td className={`${td} text-right font-mono tabular-nums`}>
                {formatNumber(o.filled_qty)} / {formatNumber(o.qty)}
              </td>
              <td className={`${td} text-right font-mono tabular-nums`}>{o.avg_price === null ? "—" : formatNumber(o.avg_price)}</td>
              <td className={`${td} text-xs text-muted`}>
                <LocalTime iso={o.created_at} />
              </td>
              <td className={`${td} text-xs text-muted`}>{o.source}</td>
              <td className={td}>
                {o.correlation_id ? <CorrelationLink id={o.correlation_id} /> : <span className="text-xs text-muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
