import { Card } from "@/components/ui/card";
import type { EquityView } from "@/lib/analytics/schemas";
import { EquityCurve } from "./equity-curve";
import { formatAmount } from "./format";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The equity curve with a text summary (the chart's words for screen readers and for anyone skimming). */
export function EquityCard({ equity, currency }: { equity: EquityView; currency: string | null }) {
  const points = equity.points.map((p) => ({ t: Date.parse(p.t), equity: p.equity, balance: p.balance }));
  if (points.length < 2) {
    return (
      <Card title="Equity curve">
        <p className="text-sm text-muted" data-testid="equity-empty">
          Not enough equity history in this range to draw a curve yet.
        </p>
      </Card>
    );
  }
  const first = points[0];
  const last = points[points.length - 1];
  const values = points.map((p) => p.equity);
  const summary =
    `Equity went from ${formatAmount(first.equity, currency)} on ${when.format(first.t)} UTC to ${formatAmount(last.equity, currency)} on ${when.format(last.t)} UTC, ` +
    `between a low of ${formatAmount(Math.min(...values), currency)} and a high of ${formatAmount(Math.max(...values), currency)}.`;
  return (
    <Card title="Equity curve">
      <figure className="space-y-2" data-testid="equity-curve">
        <EquityCurve points={points} currency={currency} label="Equity and balance over the selected range" />
        <figcaption className="text-xs text-muted">{summary} Dashed line: balance (realised only).</figcaption>
      </figure>
    </Card>
  );
}
