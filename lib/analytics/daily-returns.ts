import type { AccountDay } from "./types";

/**
 * Daily returns of the user's total equity across accounts, for the Sharpe ratio.
 *
 * Summed equity jumps when an account is connected (its starting balance) — that is new
 * capital, not profit, so returns are built per account: on each day,
 * P&L = Σ (close − base) over the accounts with a snapshot that day, where base is the
 * account's previous close (or its value when the range opened) and, for an account
 * first seen that day, its first snapshot of the day; capital = Σ base over every account
 * known so far (one without a snapshot that day still holds its last close).
 * return = P&L ÷ capital. Days without any snapshot are not observations (nothing traded
 * or marked), and days whose capital is not positive are skipped (a return on nothing is
 * undefined).
 *
 * @param days  per account and UTC day, its first and last equity (any order)
 * @param opening each account's equity at the start of the range, when known
 */
export function dailyReturns(days: readonly AccountDay[], opening: ReadonlyMap<string, number> = new Map()): number[] {
  const byDay = new Map<string, AccountDay[]>();
  for (const d of days) {
    const list = byDay.get(d.day);
    if (list) list.push(d);
    else byDay.set(d.day, [d]);
  }
  const lastClose = new Map(opening);
  const returns: number[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const rows = byDay.get(day)!;
    let capital = 0;
    for (const equity of lastClose.values()) capital += equity;
    let pnl = 0;
    for (const r of rows) {
      const base = lastClose.get(r.account_id);
      if (base === undefined) capital += r.open;
      pnl += r.close - (base ?? r.open);
    }
    for (const r of rows) lastClose.set(r.account_id, r.close);
    if (capital > 0) returns.push(pnl / capital);
  }
  return returns;
}
