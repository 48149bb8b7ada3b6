"use client";

import { useState } from "react";
import { api } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { OrderView } from "@/lib/trading/schemas";
import { usePagedList, withQuery, type Page } from "@/components/activity/use-paged-list";
import { ListFooter } from "@/components/activity/list-footer";
import { OrdersTable } from "./orders-table";
import { ORDER_STATUS_OPTIONS, ORDERS_PAGE } from "./order-status";

type OrderFilters = { status: string; symbol: string };

async function loadOrders(f: OrderFilters, cursor: string | null): Promise<Page<OrderView>> {
  const r = await api<{ orders: OrderView[]; next_cursor: string | null }>(withQuery("/orders", { status: f.status, symbol: f.symbol, limit: ORDERS_PAGE, cursor }));
  return { items: r.orders, next: r.next_cursor };
}

/** Orders with status and symbol filters, "Load more", and live status changes. */
export function OrdersPanel({ initial }: { initial: Page<OrderView> }) {
  const list = usePagedList(initial, { status: "", symbol: "" }, loadOrders);
  const [symbol, setSymbol] = useState("");

  useStream(
    (_e, data) => {
      const o = data.order as Partial<OrderView> | undefined;
      if (!o || typeof o.id !== "string") return;
      if (list.items.some((x) => x.id === o.id)) {
        list.update((items) =>
          items.map((x) => (x.id === o.id ? { ...x, status: o.status ?? x.status, filled_qty: o.filled_qty ?? x.filled_qty, avg_price: o.avg_price ?? x.avg_price, reason: o.reason ?? x.reason } : x)),
        );
      } else {
        list.mergeNewest();
      }
    },
    ["order"],
  );

  const filtered = list.filters.status !== "" || list.filters.symbol !== "";
  return (
    <Card title="Orders">
      <form
        className="mb-3 grid grid-cols-1 items-end gap-3 sm:grid-cols-[12rem_12rem_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          list.setFilters({ ...list.filters, symbol: symbol.trim() });
        }}
        aria-label="Filter orders"
      >
        <SelectField id="orders-status" label="Status" value={list.filters.status} onChange={(e) => list.setFilters({ ...list.filters, status: e.target.value })}>
          <option value="">All statuses</option>
          {ORDER_STATUS_OPTIONS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <TextField id="orders-symbol" label="Symbol" placeholder="e.g. EURUSD" value={symbol} onChange={(e) => setSymbol(e.target.value)} autoCapitalize="characters" />
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {filtered ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setSymbol("");
                list.setFilters({ status: "", symbol: "" });
              }}
            >
              Clear
            </Button>
          ) : null}
        </div>
      </form>
      <div aria-busy={list.busy === "reload"}>
        {list.busy === "reload" ? (
          <p role="status" className="mb-2 text-sm text-muted">
            Loading orders…
          </p>
        ) : null}
        {list.items.length === 0 && list.busy !== "reload" && !list.error ? (
          <p className="py-6 text-center text-sm text-muted" data-testid="orders-empty">
            {filtered ? "No orders match these filters." : "No orders yet. Every alert that reaches a broker leaves an order here, filled or not."}
          </p>
        ) : list.items.length ? (
          <OrdersTable orders={list.items} />
        ) : null}
      </div>
      <ListFooter busy={list.busy} error={list.error} hasMore={list.hasMore} onRetry={list.reload} onMore={list.loadMore} what="orders" />
    </Card>
  );
}
