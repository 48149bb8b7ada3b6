import { asService } from "@/lib/db/service";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type AccountRef, type BrokerAdapter, type BrokerPosition, type PlaceOrderResult } from "@/brokers/types";
import { ACCOUNT_VIEW_SQL, toAccountView } from "@/lib/accounts/account-view";
import { publishAccount } from "@/lib/accounts/connect-account";
import { getBus } from "@/lib/events";
import { log } from "@/lib/log/logger";
import { publishUserLog, writeUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { loadAccountRef } from "./account-ref";
import { positionEvent, type PositionRow } from "./rows";
import { settleOrder } from "./settle-order";
import { applySnapshot, type SnapshotOutcome, type SyncTarget } from "./sync-accounts-apply";

export type SyncReport = {
  accounts: number;
  synced: number;
  /** The broker refused or failed: the account is marked `error` with the reason. */
  failed: number;
  /** Rate-limited this round (Unify holds back, or the broker asked it to): tried again next round. */
  deferred: number;
  ordersSettled: number;
  positionsClosed: number;
  positionsAdded: number;
  positionsResized: number;
};

// Real brokers Unify calls itself, and MetaTrader from what its EA last reported (a stop
// loss or a manual close in the terminal closes the position here too). Paper is our own book.
const SYNCED_BROKERS = "('tradelocker', 'topstep', 'tradovate')";
const EA_BROKERS = "('mt4', 'mt5')";
// Bounds the broker calls one round makes for one account's resting orders.
const MAX_RESTING_PER_ROUND = 50;
// A refused login is not retried every round: brokers lock a login after repeated failures,
// and Tradovate's 10 logins a minute are shared by the whole deployment.
const REFUSED_LOGIN_RETRY_MS = 15 * 60_000;

/** When each account whose login the broker refused may be tried again (the job runs on one replica). */
const store = globalThis as unknown as { __unifySyncRetryAt?: Map<string, number> };
const retryAt = () => (store.__unifySyncRetryAt ??= new Map());

type Resting = { id: string; status: string; qty: number; filled_qty: number; broker_order_id: string | null };

/**
 * A partially filled order the broker no longer works on is done: the rest was cancelled
 * (an IOC market order, or by the broker). Adapters report such an order as partially
 * filled, which is not a final status: left as it is, it would be asked about every round
 * and its symbol held back from the position sync for good.
 */
function finalOutcome(order: Resting, found: PlaceOrderResult, working: ReadonlySet<string>, broker: string): PlaceOrderResult {
  if (found.status !== "partially_filled" || order.broker_order_id === null || working.has(order.broker_order_id)) return found;
  const filled = found.filledQty ?? order.filled_qty;
  return { ...found, status: "cancelled", reason: `${broker} filled ${filled} of ${order.qty}; the rest was cancelled there.` };
}

/**
 * Settles our resting orders (submitted, partially filled) that the broker has since
 * filled, cancelled or expired, by asking it for our client id — never by sending again.
 */
async function settleRestingOrders(adapter: BrokerAdapter, ref: AccountRef, now: Date): Promise<number> {
  const resting = await asService((tx) =>
    tx.query<Resting>(
      `select id, status, qty, filled_qty, broker_order_id from public.orders
        where account_id = $1 and status in ('submitted', 'partially_filled') order by created_at limit $2`,
      [ref.accountId, MAX_RESTING_PER_ROUND],
    ),
  );
  if (!resting.length) return 0;
  const working = new Set((await adapter.orders(ref)).map((o) => o.brokerOrderId));
  let settled = 0;
  for (const order of resting) {
    const found = await adapter.findOrder(ref, order.id);
    if (!found || found.status === "pending") continue;
    const outcome = finalOutcome(order, found, working, adapter.id);
    const moved = outcome.status !== order.status || (outcome.filledQty ?? 0) > order.filled_qty;
    if (moved && (await settleOrder(order.id, outcome, { now }))) settled++;
  }
  return settled;
}

/** Money per point of the symbols the broker holds that we have no open position in (so we can add them). */
async function unknownSymbolValues(adapter: BrokerAdapter, ref: AccountRef, positions: BrokerPosition[]): Promise<Map<string, number>> {
  const open = await asService((tx) => tx.query<{ symbol: string }>("select symbol from public.positions where account_id = $1 and status = 'open'", [ref.accountId]));
  const known = new Set(open.map((p) => p.symbol));
  const values = new Map<string, number>();
  for (const symbol of new Set(positions.map((p) => p.symbol))) {
    if (known.has(symbol)) continue;
    try {
      values.set(symbol, (await adapter.instrument(ref, symbol)).valuePerPoint);
    } catch (err) {
      // Without its value per point the position cannot be valued; it is added on a later round.
      log.warn("broker sync: instrument lookup failed", { account_id: ref.accountId, symbol, error: String(err) });
    }
  }
  return values;
}

async function publishAfterSync(target: SyncTarget, outcome: { positions: PositionRow[]; logs: UserLogEntry[]; accountChanged: boolean }): Promise<void> {
  try {
    const bus = await getBus();
    const base = { user_id: target.user_id, correlation_id: null, at: new Date().toISOString() };
    for (const p of outcome.positions) await bus.publish("position.update", { ...base, position: positionEvent(p) });
    for (const entry of outcome.logs) await publishUserLog(entry);
    if (outcome.accountChanged) {
      const [row] = await asService((tx) => tx.query<Parameters<typeof toAccountView>[0]>(`${ACCOUNT_VIEW_SQL} where a.id = $1`, [target.id]));
      if (row) await publishAccount(target.user_id, toAccountView(row), null);
    }
  } catch (err) {
    // The database is the source of truth; a lost event only delays a live view.
    log.warn("broker sync: publishing failed", { account_id: target.id, error: String(err) });
  }
}

/** Marks the account `error` with the broker's reason; logs and publishes only when the reason is new. */
async function markFailed(target: SyncTarget, err: BrokerError): Promise<void> {
  const reason = err.message;
  const entry = await asService(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `update public.broker_accounts set status = 'error', status_reason = $2
        where id = $1 and status in ('active', 'error') and (status <> 'error' or status_reason is distinct from $2) returning id`,
      [target.id, reason],
    );
    if (!row) return null;
    const e: UserLogEntry = { user_id: target.user_id, level: "warn", type: "account", message: `Unify cannot sync ${target.broker} account "${target.name}": ${reason}`, data: { account_id: target.id } };
    await writeUserLog(tx, e);
    return e;
  });
  if (entry) await publishAfterSync(target, { positions: [], logs: [entry], accountChanged: true });
}

type AccountSync = { kind: "synced"; ordersSettled: number; outcome: SnapshotOutcome } | { kind: "failed" } | { kind: "deferred" };

/**
 * Syncs one real-broker account: settles resting orders through findOrder, then reads the
 * broker's account state and applies it (balance, equity, margin, positions). A broker
 * refusal marks the account `error` with the reason; a rate limit defers it to the next
 * round, a refused login by 15 minutes.
 */
export async function syncAccount(target: SyncTarget, now: () => Date = () => new Date()): Promise<AccountSync> {
  const adapter = adapterFor(target.broker);
  if ((retryAt().get(target.id) ?? 0) > now().getTime()) return { kind: "deferred" };
  try {
    const ref = await asService((tx) => loadAccountRef(tx, target.id));
    const ordersSettled = await settleRestingOrders(adapter, ref, now());
    const [{ t: readStartedAt }] = await asService((tx) => tx.query<{ t: Date }>("select clock_timestamp() as t"));
    const state = await adapter.accountState(ref);
    const valuePerPoint = await unknownSymbolValues(adapter, ref, state.positions);
    // What changed after the broker's figures were taken is not judged by them.
    const since = state.asOf && state.asOf < readStartedAt ? state.asOf : readStartedAt;
    const outcome = await asService((tx) => applySnapshot(tx, { target, state, readStartedAt: since, now: now(), valuePerPoint }));
    await publishAfterSync(target, { positions: outcome.positions, logs: outcome.logs, accountChanged: outcome.changed });
    retryAt().delete(target.id);
    return { kind: "synced", ordersSettled, outcome };
  } catch (err) {
    if (!(err instanceof BrokerError)) throw err;
    if (err.kind === "rate_limited") return { kind: "deferred" };
    if (err.kind === "unauthorized") retryAt().set(target.id, now().getTime() + REFUSED_LOGIN_RETRY_MS);
    await markFailed(target, err);
    return { kind: "failed" };
  }
}

/**
 * The periodic reconciliation of every enabled real-broker account with its broker (a
 * background job across users, hence service access). Accounts are synced one after the
 * other, least recently synced first, to stay inside the brokers' deployment-wide rate limits.
 */
export async function syncAccounts(opts: { accountId?: string; now?: () => Date } = {}): Promise<SyncReport> {
  const targets = await asService((tx) =>
    tx.query<SyncTarget>(
      `select id, user_id, broker, name from public.broker_accounts
        where (broker in ${SYNCED_BROKERS} and credentials_enc is not null or broker in ${EA_BROKERS}) and enabled and status in ('active', 'error')
          and ($1::uuid is null or id = $1)
        order by last_sync nulls first`,
      [opts.accountId ?? null],
    ),
  );
  const report: SyncReport = { accounts: targets.length, synced: 0, failed: 0, deferred: 0, ordersSettled: 0, positionsClosed: 0, positionsAdded: 0, positionsResized: 0 };
  for (const target of targets) {
    try {
      const r = await syncAccount(target, opts.now);
      if (r.kind !== "synced") {
        report[r.kind]++;
        continue;
      }
      report.synced++;
      report.ordersSettled += r.ordersSettled;
      report.positionsClosed += r.outcome.counts.closed;
      report.positionsAdded += r.outcome.counts.added;
      report.positionsResized += r.outcome.counts.resized;
    } catch (err) {
      report.failed++;
      log.error("broker sync failed", { account_id: target.id, error: (err as Error)?.stack ?? String(err) });
    }
  }
  if (report.accounts) log.debug("broker sync", { ...report });
  return report;
}
