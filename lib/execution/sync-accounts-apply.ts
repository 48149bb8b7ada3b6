import type { Queryable } from "@/lib/db/types";
import type { AccountState, BrokerId } from "@/brokers/types";
import { writeUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { cachedRiskSettings } from "@/lib/settings/risk-settings";
import { statsDay, type PositionRow } from "./rows";
import { diffPositions, netBrokerPositions, type PositionChange, type TrackedPosition } from "./sync-accounts-diff";

/** The account being synced, as the job lists it. */
export type SyncTarget = { id: string; user_id: string; broker: BrokerId; name: string };

export type SnapshotInput = {
  target: SyncTarget;
  state: AccountState;
  /**
   * The database's clock just before the broker was asked: anything of ours that changed
   * since may not be in its answer. Database time, so it compares with updated_at without skew.
   */
  readStartedAt: Date;
  now: Date;
  /** Money per point of the symbols the broker holds (needed to value a position we add). */
  valuePerPoint: ReadonlyMap<string, number>;
};

export type SnapshotOutcome = {
  positions: PositionRow[];
  logs: UserLogEntry[];
  counts: { closed: number; added: number; resized: number };
  /** The account's status before the sync (an `error` is cleared by a successful sync). */
  statusBefore: string;
  changed: boolean;
};

/** One equity point per account per minute is plenty for the charts. */
const EQUITY_POINT_EVERY_SEC = 60;

const fmt = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/**
 * Symbols whose two views may differ for a moment: an order in flight or resting at the
 * broker (it is settled through findOrder, never guessed from positions), or an order or
 * position of ours that changed since the broker was read. A fill is recorded after the
 * broker acted (its transaction starts later, and updated_at is that start), and an order
 * is `pending` until then, so anything older than the read is in the broker's answer too.
 */
export async function busySymbols(tx: Queryable, target: SyncTarget, since: Date): Promise<Set<string>> {
  // Each part reads by an index (orders in flight; orders changed since; the trader's
  // positions), never the whole table.
  const rows = await tx.query<{ symbol: string }>(
    `select symbol from public.orders where account_id = $1 and status in ('pending', 'submitted', 'partially_filled')
     union select symbol from public.orders where account_id = $1 and updated_at >= $2
     union select symbol from public.positions where user_id = $3 and account_id = $1 and updated_at >= $2`,
    [target.id, since, target.user_id],
  );
  return new Set(rows.map((r) => r.symbol));
}

async function addRealizedToday(tx: Queryable, target: SyncTarget, pnl: number, now: Date): Promise<void> {
  if (pnl === 0) return;
  const hours = (await cachedRiskSettings(tx, target.user_id, target.broker)).trading_hours;
  await tx.query(
    `insert into public.account_day_stats (account_id, day, user_id, realized_pnl) values ($1, $2, $3, $4)
     on conflict (account_id, day) do update set realized_pnl = account_day_stats.realized_pnl + excluded.realized_pnl`,
    [target.id, statsDay(now, hours), target.user_id, pnl],
  );
}

/**
 * Writes one change; returns the position row it produced and, for anything but a new
 * mark, the activity-log line that tells the trader why; null when it could not be written.
 */
async function applyChange(tx: Queryable, input: SnapshotInput, change: PositionChange): Promise<{ row: PositionRow; log?: UserLogEntry } | null> {
  const { target, now } = input;
  const broker = target.broker;
  const entry = (message: string, data: Record<string, unknown>): UserLogEntry => ({ user_id: target.user_id, level: "info", type: "position", message, data: { account_id: target.id, ...data } });
  switch (change.kind) {
    case "close": {
      const p = change.position;
      const [row] = await tx.query<PositionRow>(
        `update public.positions set status = 'closed', closed_at = $2, current_price = $3, unrealized_pnl = 0,
           realized_pnl = realized_pnl + $4, entries = 0 where id = $1 returning *`,
        [p.id, now, change.exitPrice, change.realizedPnl],
      );
      await addRealizedToday(tx, target, change.realizedPnl, now);
      const why = `${p.side} ${p.qty} ${p.symbol} is no longer open at ${broker}: it was closed there (stop loss, take profit, a manual close or a liquidation), not by Unify.`;
      return { row, log: entry(`${why} Realised P&L ${fmt(change.realizedPnl)} at the last known price ${change.exitPrice}.`, { position_id: p.id, realized_pnl: change.realizedPnl }) };
    }
    case "resize": {
      const p = change.position;
      const [row] = await tx.query<PositionRow>(
        "update public.positions set qty = $2, entry_price = $3, current_price = $4, realized_pnl = realized_pnl + $5 where id = $1 returning *",
        [p.id, change.qty, change.entryPrice, change.exitPrice, change.realizedPnl],
      );
      await addRealizedToday(tx, target, change.realizedPnl, now);
      return { row, log: entry(`${p.symbol} is ${change.qty} at ${broker}, not ${p.qty}: the size was changed there. Unify now shows ${change.qty}.`, { position_id: p.id, realized_pnl: change.realizedPnl }) };
    }
    case "add": {
      const b = change.broker;
      const vpp = input.valuePerPoint.get(b.symbol);
      if (vpp === undefined) return null;
      const [row] = await tx.query<PositionRow>(
        `insert into public.positions
           (user_id, account_id, broker, symbol, side, qty, entry_price, current_price, unrealized_pnl, stop_loss, take_profit, value_per_point, broker_position_id, entries, opened_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14) returning *`,
        [target.user_id, target.id, broker, b.symbol, b.side, b.qty, b.entryPrice, b.markPrice ?? b.entryPrice, b.unrealizedPnl ?? 0, b.stopLoss ?? null, b.takeProfit ?? null, vpp, b.brokerPositionId ?? null, now],
      );
      return { row, log: entry(`Found ${b.side} ${b.qty} ${b.symbol} at ${broker} that Unify did not open; it is now shown with your positions.`, { position_id: row.id }) };
    }
    case "mark": {
      const [row] = await tx.query<PositionRow>("update public.positions set current_price = $2, unrealized_pnl = $3 where id = $1 returning *", [
        change.position.id,
        change.currentPrice,
        change.unrealizedPnl,
      ]);
      return { row };
    }
  }
}

/**
 * Brings one account in line with what its broker reported, in one transaction under the
 * account's lock (the same lock fills take): balance, equity, margin and last_sync; an
 * equity point at most once a minute; positions closed, added, resized or re-marked; the
 * account back to `active` if the last sync had failed.
 */
export async function applySnapshot(tx: Queryable, input: SnapshotInput): Promise<SnapshotOutcome> {
  const { target, state, now } = input;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [target.id]);
  const [before] = await tx.query<{ status: string; balance: number; equity: number }>("select status, balance, equity from public.broker_accounts where id = $1 for update", [target.id]);
  const skip = await busySymbols(tx, target, input.readStartedAt);
  const ours = await tx.query<TrackedPosition>(
    "select id, symbol, side, qty, entry_price, current_price, value_per_point from public.positions where account_id = $1 and status = 'open' for update",
    [target.id],
  );
  const vpp = (symbol: string) => input.valuePerPoint.get(symbol) ?? ours.find((p) => p.symbol === symbol)?.value_per_point;
  const changes = diffPositions(ours, netBrokerPositions(state.positions, vpp), skip);

  const out: SnapshotOutcome = { positions: [], logs: [], counts: { closed: 0, added: 0, resized: 0 }, statusBefore: before.status, changed: false };
  for (const change of changes) {
    const done = await applyChange(tx, input, change);
    if (!done) continue;
    out.positions.push(done.row);
    if (!done.log) continue;
    out.counts[change.kind === "close" ? "closed" : change.kind === "add" ? "added" : "resized"]++;
    await writeUserLog(tx, done.log);
    out.logs.push(done.log);
  }

  await tx.query(
    `update public.broker_accounts set balance = $2, equity = $3, margin = $4, currency = $5, last_sync = $6,
       status = case when status = 'error' then 'active' else status end,
       status_reason = case when status = 'error' then null else status_reason end
     where id = $1`,
    [target.id, state.balance, state.equity, state.margin, state.currency, now],
  );
  await tx.query(
    `insert into public.equity_history (user_id, account_id, t, equity, balance)
     select $1, $2, $3, $4, $5
      where not exists (select 1 from public.equity_history where account_id = $2 and t > $3::timestamptz - make_interval(secs => $6))`,
    [target.user_id, target.id, now, state.equity, state.balance, EQUITY_POINT_EVERY_SEC],
  );
  if (before.status === "error") {
    const restored: UserLogEntry = { user_id: target.user_id, level: "info", type: "account", message: `The connection to ${target.broker} account "${target.name}" works again.`, data: { account_id: target.id } };
    await writeUserLog(tx, restored);
    out.logs.push(restored);
  }
  out.changed = before.status === "error" || before.balance !== state.balance || before.equity !== state.equity || out.positions.length > 0;
  return out;
}
