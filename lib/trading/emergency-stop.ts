import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { flattenAccount, type FlattenError } from "@/lib/execution/flatten-account";
import { forgetApiKeys } from "@/lib/intake/api-key-cache";
import { publishAccount } from "@/lib/accounts/connect-account";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { publishUserLog, writeUserLog } from "@/lib/log/user-log";

export type EmergencyStopSummary = {
  positions_closed: number;
  orders_cancelled: number;
  accounts_disabled: number;
  total_pnl: number;
  pending: number;
  errors: FlattenError[];
};

/**
 * Emergency stop: disables every account first (so no new alert gets through while we
 * work), then cancels working orders and closes every position, account by account.
 * Failures are reported per position; everything else still runs.
 */
export async function emergencyStop(user: SessionUser, correlationId: string): Promise<EmergencyStopSummary> {
  const disabled = await asUser(user.claims, async (tx) => {
    // Take every account's order lock (the one alerts and fills hold) before disabling: an
    // alert already past its "enabled" check finishes first, so its position exists when we
    // flatten below; one that comes later sees the account disabled. Without it, a fill
    // committed just after the flatten's read of open positions stayed open. Id order, so two
    // stops at once cannot deadlock.
    const owned = await tx.query<{ id: string }>("select id from public.broker_accounts where user_id = $1 order by id", [user.id]);
    for (const a of owned) await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [a.id]);
    const rows = await tx.query<{ id: string }>(
      "update public.broker_accounts set enabled = false, status = 'disabled', status_reason = 'Emergency stop' where user_id = $1 and enabled returning id",
      [user.id],
    );
    await writeUserLog(tx, { user_id: user.id, level: "warn", type: "emergency_stop", message: "Emergency stop: all accounts disabled, flattening", correlation_id: correlationId });
    return rows.map((r) => r.id);
  });
  const accounts = await listAccounts(user);
  for (const a of accounts) {
    await forgetApiKeys(a.id);
    await publishAccount(user.id, a, correlationId);
  }
  const summary: EmergencyStopSummary = { positions_closed: 0, orders_cancelled: 0, accounts_disabled: disabled.length, total_pnl: 0, pending: 0, errors: [] };
  for (const a of accounts) {
    const r = await flattenAccount(user.claims, a.id, "emergency_stop", correlationId);
    summary.positions_closed += r.positionsClosed;
    summary.orders_cancelled += r.ordersCancelled;
    summary.total_pnl += r.realizedPnl;
    summary.pending += r.pending;
    summary.errors.push(...r.errors);
  }
  summary.total_pnl = Math.round(summary.total_pnl * 100) / 100;
  const message = `Emergency stop done: ${summary.positions_closed} position(s) closed, ${summary.orders_cancelled} order(s) cancelled, ${summary.errors.length} error(s)`;
  await asUser(user.claims, (tx) => writeUserLog(tx, { user_id: user.id, level: summary.errors.length ? "error" : "warn", type: "emergency_stop", message, data: { ...summary }, correlation_id: correlationId }));
  await publishUserLog({ user_id: user.id, level: "warn", type: "emergency_stop", message, correlation_id: correlationId });
  return summary;
}
