"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ValidationReport } from "@/lib/execution/validate-alert";
import { formatMoney, formatNumber } from "@/lib/format/money";
import { LevelsChart } from "./levels-chart";
import { formatDistance, formatPrice } from "./price-format";

const ACTION_TEXT: Record<string, string> = {
  exit: "Closes the position in",
  exit_all: "Closes every open position on the account",
  cancel: "Cancels the account's pending orders",
};

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 border-b border-border py-1.5 last:border-0">
      <dt className="text-muted">{label}</dt>
      <dd className="text-right font-medium tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The dry run's answer: the order as it would be sized, its levels on a chart, and what would stop it. */
export function OrderPreview({ report }: { report: ValidationReport }) {
  const { order, instrument, quote, intent, blocked_by: blocked, problems } = report;
  const tick = instrument?.tickSize;
  const price = (v: number) => formatPrice(v, tick);
  const slDistance = order?.stopLoss !== undefined ? Math.abs(order.entryPrice - order.stopLoss) : undefined;
  const tpDistance = order?.takeProfit !== undefined ? Math.abs(order.takeProfit - order.entryPrice) : undefined;
  const isExit = order?.action === "exit";
  const verdict = blocked
    ? // A blocked reverse still closes its position: only the opening part is blocked.
      { text: isExit ? `Position would be closed; opening blocked by ${blocked.rule}` : `Would be blocked by ${blocked.rule}`, tone: "border-loss text-loss", mark: "✕" }
    : report.ok
      ? { text: "Would be placed", tone: "border-profit text-profit", mark: "✓" }
      : { text: "Would be rejected", tone: "border-warn text-warn", mark: "!" };

  return (
    <div className="space-y-4" data-testid="order-preview">
      <p className={`rounded-md border-2 px-3 py-2 font-semibold ${verdict.tone}`} data-testid="preview-verdict">
        <span aria-hidden="true">{verdict.mark} </span>
        {verdict.text}
        <span className="block text-sm font-normal text-text">
          on {report.account.name} ({report.account.broker})
        </span>
      </p>
      {blocked ? (
        <p className="text-sm" data-testid="preview-blocked">
          <strong>{blocked.rule}</strong>: {blocked.reason} Change it on{" "}
          <Link className="text-primary underline" href="/settings">
            Settings
          </Link>
          .
        </p>
      ) : null}
      {problems.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-warn" aria-label="Problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {!order ? (
        <p className="text-sm">
          {ACTION_TEXT[intent.action] ?? "No order to size"}
          {intent.action === "exit" && intent.symbol
            ? ` ${instrument?.symbol ?? intent.symbol}${intent.qty ? ` (${formatNumber(intent.qty)} of it)` : " (all of it)"}, if one is open`
            : ""}
          .
          {quote?.bid != null && quote.ask != null ? ` Quote now: bid ${price(quote.bid)} / ask ${price(quote.ask)}.` : ""}
        </p>
      ) : (
        <>
          <dl className="text-sm">
            <Row label="Order">
              {order.action === "exit" ? "Exit: " : order.action === "reverse" ? "Reverse: " : ""}
              {order.side === "buy" ? "Buy" : "Sell"} {order.type} · {instrument?.symbol}
              {instrument && instrument.brokerSymbol !== instrument.symbol ? ` (${instrument.brokerSymbol})` : ""}
            </Row>
            <Row label="Quantity after constraints" testId="preview-qty">
              {formatNumber(order.qty)}
              {instrument ? <span className="block text-xs font-normal text-muted">min {formatNumber(instrument.minQty)} · max {formatNumber(instrument.maxQty)} · step {formatNumber(instrument.qtyStep)}</span> : null}
            </Row>
            <Row label="Entry" testId="preview-entry">
              {price(order.entryPrice)}
            </Row>
            <Row label="Stop loss" testId="preview-sl">
              {order.stopLoss !== undefined && slDistance !== undefined ? (
                <>
                  {price(order.stopLoss)} <span className="text-xs font-normal text-muted">({formatDistance(slDistance, tick, instrument?.pipSize)})</span>
                </>
              ) : (
                "none"
              )}
            </Row>
            <Row label="Take profit" testId="preview-tp">
              {order.takeProfit !== undefined && tpDistance !== undefined ? (
                <>
                  {price(order.takeProfit)}{" "}
                  <span className="text-xs font-normal text-muted">
                    ({formatDistance(tpDistance, tick, instrument?.pipSize)}
                    {slDistance ? `, ${formatNumber(tpDistance / slDistance, 2)} R` : ""})
                  </span>
                </>
              ) : (
                "none"
              )}
            </Row>
            {order.trailing_distance !== undefined ? <Row label="Trailing stop distance">{price(order.trailing_distance)}</Row> : null}
            <Row label="Notional">{formatMoney(order.notional)}</Row>
            {isExit ? null : (
              <Row label="Loss at the stop" testId="preview-risk">
                {order.riskAmount !== undefined ? <span className="text-loss">−{formatMoney(order.riskAmount)}</span> : "unlimited: no stop loss"}
              </Row>
            )}
          </dl>
          {order.adjustments.length > 0 ? (
            <div className="text-sm">
              <h3 className="font-medium">Adjusted by sizing</h3>
              <ul className="list-disc pl-5 text-muted" data-testid="preview-adjustments">
                {order.adjustments.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <figure className="space-y-1">
            <LevelsChart entry={order.entryPrice} stopLoss={order.stopLoss} takeProfit={order.takeProfit} bid={quote?.bid ?? null} ask={quote?.ask ?? null} tickSize={tick} />
            <figcaption className="text-xs text-muted">
              Levels around the current quote{quote?.bid != null && quote.ask != null ? ` (bid ${price(quote.bid)}, ask ${price(quote.ask)})` : ""}: shaded red is the
              loss zone, green the profit zone.
            </figcaption>
          </figure>
        </>
      )}
    </div>
  );
}
