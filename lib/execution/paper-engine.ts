import { asService } from "@/lib/db/service";
import { getBus } from "@/lib/events";
import { metrics } from "@/lib/metrics/registry";
import { log } from "@/lib/log/logger";
import { adapterFor } from "@/brokers/registry";
import type { PaperAdapter } from "@/brokers/paper/adapter";
import { markPosition } from "@/brokers/paper/mark-position";
import { requiredMargin } from "@/brokers/paper/margin";
import { restingOrderFill } from "@/brokers/paper/resting-order-fill";
import { findInstrument, valuePerPointAt } from "@/lib/market/instruments";
import type { PriceFeed } from "@/lib/market/price-feed";
import { closePositionNow } from "./close-position";
import { settleOrder } from "./settle-order";
import { positionEvent, type OrderRow, type PositionRow } from "./rows";

export type TickReport = { marked: number; closed: number; filled: number };

/** A position marked at a quote: its price, running P&L and the margin it ties up there. */
type Mark = { position: PositionRow; price: number; pnl: number; margin: number };

const store = globalThis as unknown as { __unifyPaperPersistedAt?: number; __unifyPaperSnapshotAt?: number };

/**
 * One tick of the paper broker: prices every open paper position (P&L, trailing stops),
 * closes those whose stop, target or trailing stop the quote reached, and fills resting
 * limit/stop orders the quote crossed. Marks go out live on every tick; they are written
 * to the database every few seconds, with an equity snapshot every minute.
 */
export async function paperTick(now = new Date()): Promise<TickReport> {
  const feed = (adapterFor("paper") as PaperAdapter).feed;
  const { positions, resting } = await asService(async (tx) => ({
    positions: await tx.query<PositionRow>("select * from public.positions where broker = 'paper' and status = 'open'"),
    // A disabled account opens nothing: its resting entries wait until it is enabled again
    // (its stops and targets above still close positions).
    resting: await tx.query<OrderRow>(
      `select o.* from public.orders o join public.broker_accounts a on a.id = o.account_id
       where o.broker = 'paper' and o.status = 'submitted' and a.enabled`,
    ),
  }));
  const report: TickReport = { marked: 0, closed: 0, filled: 0 };
  const marks: Mark[] = [];
  const gauge = metrics().pnlUnrealized;
  gauge.reset();

  // One position or order that cannot be priced or written (a symbol the feed lost, a
  // failing statement) must not stop the stops and targets of every other account.
  for (const p of positions) {
    try {
      const mark = await tickPosition(p, feed, now);
      if (mark === "closed") report.closed++;
      else if (mark) {
        gauge.labels("paper", p.symbol).inc(mark.pnl);
        marks.push(mark);
        report.marked++;
      }
    } catch (err) {
      log.warn("paper engine could not price a position", { position_id: p.id, symbol: p.symbol, error: String(err) });
    }
  }

  for (const o of resting) {
    try {
      const price = restingOrderFill({ side: o.side, type: o.type, price: o.price ?? undefined }, feed.quote(o.symbol, now));
      if (price === null) continue;
      await settleOrder(o.id, { status: "filled", filledQty: o.qty, avgPrice: price, brokerOrderId: `paper-${o.id}` });
      report.filled++;
    } catch (err) {
      log.warn("paper engine could not fill a resting order", { order_id: o.id, symbol: o.symbol, error: String(err) });
    }
  }

  await publishMarks(marks, now);
  const t = now.getTime();
  if (t - (store.__unifyPaperPersistedAt ?? 0) >= 5_000) {
    store.__unifyPaperPersistedAt = t;
    const snapshot = t - (store.__unifyPaperSnapshotAt ?? 0) >= 60_000;
    if (snapshot) store.__unifyPaperSnapshotAt = t;
    await persistMarks(marks, snapshot, now);
  }
  return report;
}

/** Marks one open position on this tick's quote; "closed" when its stop, target or trailing stop closed it. */
async function tickPosition(p: PositionRow, feed: PriceFeed, now: Date): Promise<Mark | "closed" | null> {
  const entry = findInstrument(p.symbol);
  if (!entry) return null;
  const quote = feed.quote(p.symbol, now);
  const vpp = valuePerPointAt(entry, (s) => feed.quote(s, now).mid);
  const m = markPosition(
    {
      side: p.side,
      qty: p.qty,
      entryPrice: p.entry_price,
      stopLoss: p.stop_loss ?? undefined,
      takeProfit: p.take_profit ?? undefined,
      trailingDistance: p.trailing_stop?.distance,
      trailingStop: p.trailing_stop?.stop ?? undefined,
    },
    quote,
    vpp,
    entry.tickSize,
  );
  if (m.exit) {
    try {
      await closePositionNow(null, p.id, { source: m.exit.reason, correlationId: null, fillPrice: m.exit.price });
      return "closed";
    } catch (err) {
      log.warn("paper engine could not close a position", { position_id: p.id, error: String(err) });
      return null;
    }
  }
  if (p.trailing_stop && m.trailingStop !== undefined && m.trailingStop !== p.trailing_stop.stop) {
    // A tightened trailing stop is stored at once: the next tick's exit check must see it.
    await asService((tx) =>
      tx.query("update public.positions set trailing_stop = $2 where id = $1 and status = 'open'", [p.id, JSON.stringify({ ...p.trailing_stop, stop: m.trailingStop })]),
    );
  }
  return { position: p, price: m.markPrice, pnl: m.unrealizedPnl, margin: requiredMargin({ kind: entry.kind, valuePerPoint: vpp }, m.markPrice, p.qty) };
}

async function publishMarks(marks: Mark[], now: Date) {
  if (!marks.length) return;
  const bus = await getBus();
  for (const m of marks) {
    if (m.position.current_price === m.price && m.position.unrealized_pnl === m.pnl) continue;
    const position = { ...m.position, current_price: m.price, unrealized_pnl: m.pnl };
    await bus.publish("position.update", { user_id: m.position.user_id, at: now.toISOString(), position: positionEvent(position), reason: "mark" });
  }
}

/**
 * Writes marks (price, running P&L, margin), refreshes paper equity and margin, and (every
 * minute) snapshots equity. A fill that closes the last position sets equity and margin
 * itself (write-fill), so flat accounts need nothing here.
 */
export async function persistMarks(marks: Mark[], snapshot: boolean, now: Date) {
  await asService(async (tx) => {
    for (const m of marks) {
      // A fill since this tick read the position (its qty changed) already wrote newer figures.
      await tx.query("update public.positions set current_price = $2, unrealized_pnl = $3, margin = $4 where id = $1 and status = 'open' and qty = $5", [
        m.position.id,
        m.price,
        m.pnl,
        m.margin,
        m.position.qty,
      ]);
    }
    const accounts = await tx.query<{ id: string; user_id: string; balance: number; equity: number }>(
      `update public.broker_accounts a
         set equity = a.balance + coalesce((select sum(p.unrealized_pnl) from public.positions p where p.account_id = a.id and p.status = 'open'), 0),
             margin = coalesce((select sum(p.margin) from public.positions p where p.account_id = a.id and p.status = 'open'), 0)
       where a.broker = 'paper' and exists (select 1 from public.positions p where p.account_id = a.id and p.status = 'open')
       returning a.id, a.user_id, a.balance, a.equity`,
    );
    if (snapshot) {
      for (const a of accounts) {
        await tx.query("insert into public.equity_history (user_id, account_id, t, equity, balance) values ($1, $2, $3, $4, $5)", [a.user_id, a.id, now, a.equity, a.balance]);
      }
    }
  });
}
