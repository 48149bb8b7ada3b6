import type { OrderView } from "@/lib/trading/schemas";

/** Orders per page in the orders table (server first paint and "Load more" alike). */
export const ORDERS_PAGE = 25;

/** Order statuses as the API names them, in the order a filter lists them. */
export const ORDER_STATUS_OPTIONS: { value: OrderView["status"]; label: string }[] = [
  { value: "pending", label: "Pending" },
  { value: "submitted", label: "Working" },
  { value: "partially_filled", label: "Partially filled" },
  { value: "filled", label: "Filled" },
  { value: "rejected", label: "Rejected" },
  { value: "cancelled", label: "Cancelled" },
  { value: "expired", label: "Expired" },
];

const TONE: Record<string, string> = {
  filled: "text-profit",
  rejected: "text-loss",
  pending: "text-warn",
  submitted: "text-warn",
  partially_filled: "text-warn",
};

/** An order's status in words (never colour alone). */
export function OrderStatus({ status }: { status: string }) {
  const label = ORDER_STATUS_OPTIONS.find((o) => o.value === status)?.label ?? status;
  return <span className={`font-medium ${TONE[status] ?? "text-muted"}`}>{label}</span>;
}
