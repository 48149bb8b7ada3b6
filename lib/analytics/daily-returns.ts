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
 * Returns are per trading day, as the √252 of the Sharpe ratio assumes: Saturday and
 * Sunday (UTC) roll into the following Monday, so a weekend's P&L (crypto) counts in
 * Monday's return, and the flat weekend snapshots broker sync writes every minute do not
 * add two zero returns a week (which read a steady record ~15 % worse).
 *
 * @param days  per account and UTC day, its first and last equity (any order)
 * @param opening each account's equity at the start of the range, when known
 */
export function dailyReturns(days: readonly AccountDay[], opening: ReadonlyMap<string, number> = new Map()): number[] {
  const byDay = new Map<string, AccountDay[]>();
  for (const d of days) {
    const key = tradingDay(d.day);
    const list = byDay.get(key);
    if (list) list.push(d);
    else byDay.set(key, [d]);
  }
  const lastClose = new Map(opening);
  const returns: number[] = [];
  for (const day of [...byDay.keys()].sort()) {
    // A Monday can hold an account's Saturday, Sunday and Monday: chain them in order.
    const rows = byDay.get(day)!.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    let capital = 0;
    for (const equity of lastClose.values()) capital += equity;
    let pnl = 0;
    for (const r of rows) {
      const base = lastClose.get(r.account_id);
      if (base === undefined) capital += r.open;
      pnl += r.close - (base ?? r.open);
      lastClose.set(r.account_id, r.close);
    }
    if (capital > 0) returns.push(pnl / capital);
  }
  return returns;
}

const DAY_MS = 86_400_000;

/** The trading day a UTC calendar day (YYYY-MM-DD) counts towards: itself, or the Monday after a weekend. */
export function tradingDay(day: string): string {
  const at = new Date(`${day}T00:00:00.000Z`);
  const weekday = at.getUTCDay();
  if (weekday !== 0 && weekday !== 6) return day;
  return new Date(at.getTime() + (weekday === 6 ? 2 : 1) * DAY_MS).toISOString().slice(0, 10);
}
