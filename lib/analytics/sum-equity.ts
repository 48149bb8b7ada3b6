import type { AccountPoint, TotalPoint } from "./types";

/**
 * The user's total equity and balance over time from per-account snapshots taken at
 * different moments: each account keeps its last known value until its next snapshot
 * (a step function), and the total is emitted at every instant any account changed.
 * Points sharing a timestamp are applied together, so one instant yields one total.
 */
export function sumEquity(points: readonly AccountPoint[]): TotalPoint[] {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const latest = new Map<string, { equity: number; balance: number }>();
  const out: TotalPoint[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    latest.set(p.account_id, { equity: p.equity, balance: p.balance });
    if (i + 1 < sorted.length && sorted[i + 1].t === p.t) continue;
    let equity = 0;
    let balance = 0;
    for (const v of latest.values()) {
      equity += v.equity;
      balance += v.balance;
    }
    out.push({ t: p.t, equity: roundCents(equity), balance: roundCents(balance) });
  }
  return out;
}

// Inputs are cents (numeric(20,2)); summing floats must not print 100079.99999999.
const roundCents = (n: number) => Math.round(n * 100) / 100;
