"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { api } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import { useLivePositions } from "@/components/positions/use-live-positions";
import { totalUnrealized, type LivePosition } from "@/components/positions/live-position";
import { LiveBadge } from "@/components/positions/live-badge";
import { PnlValue } from "@/components/positions/pnl-value";
import { formatMoney, formatPnl } from "@/lib/format/money";
import { Stat } from "./stat";
import { OpenPositionsList } from "./open-positions-list";
import { msUntilNextUtcDay, sumValues } from "./today";

/** What the overview needs of an account. */
export type OverviewAccount = { id: string; name: string; currency: string; balance: number; margin: number };

type Props = {
  accounts: OverviewAccount[];
  positions: LivePosition[];
  /** Realised P&L counted toward today, by position id (see realisedToday). */
  realised: Record<string, number>;
  /** The win-rate card, rendered by the server page and slotted into the grid. */
  winRate: ReactNode;
};

/** The overview's live numbers: equity, today's P&L, open positions, and the compact list. */
export function OverviewLive({ accounts: initialAccounts, positions: initialPositions, realised: initialRealised, winRate }: Props) {
  const router = useRouter();
  const [accounts, setAccounts] = useState(initialAccounts);
  const [realised, setRealised] = useState(initialRealised);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const rereadAccounts = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api<{ accounts: OverviewAccount[] }>("/accounts")
        .then((r) => setAccounts(r.accounts))
        .catch(() => undefined);
    }, 300);
  }, []);

  const known = useRef(new Set(initialPositions.map((p) => p.id)));
  const { positions, stream } = useLivePositions(initialPositions, (p) => {
    if (p.status === "closed" || p.realized_pnl !== 0) setRealised((r) => (r[p.id] === p.realized_pnl ? r : { ...r, [p.id]: p.realized_pnl }));
    // A close moves money into the balance and a new position takes margin; accounts carry no
    // event for either, so read them again.
    if (p.status === "closed" || !known.current.has(p.id)) rereadAccounts();
    known.current.add(p.id);
  });
  useStream(rereadAccounts, ["account"]);

  // At 00:00 UTC "today" starts over: re-render from the server with the new day.
  useEffect(() => {
    const t = setTimeout(() => router.refresh(), msUntilNextUtcDay(new Date()) + 1_000);
    return () => {
      clearTimeout(t);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [router]);

  const currencies = new Set(accounts.map((a) => a.currency));
  const currency = currencies.size === 1 ? [...currencies][0] : "USD";
  const balance = accounts.reduce((s, a) => s + a.balance, 0);
  const margin = accounts.reduce((s, a) => s + a.margin, 0);
  const unrealised = totalUnrealized(positions);
  const realisedSum = sumValues(realised);
  const onAccounts = new Set(positions.map((p) => p.account_id)).size;

  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Total equity"
          testId="stat-equity"
          value={<span data-testid="total-equity">{formatMoney(balance + unrealised, currency)}</span>}
          detail={
            <>
              Balance {formatMoney(balance, currency)} on {accounts.length === 1 ? "1 account" : `${accounts.length} accounts`}
              {margin > 0 ? <span data-testid="margin-in-use"> · margin in use {formatMoney(margin, currency)}</span> : null}
              {currencies.size > 1 ? " (mixed currencies, added without conversion)" : ""}
            </>
          }
        />
        <Stat
          label="Today's P&L"
          testId="stat-today"
          value={<PnlValue value={Math.round((realisedSum + unrealised) * 100) / 100} className="-ml-1 font-sans" testId="today-pnl" flash={false} />}
          detail={`Realised ${formatPnl(realisedSum, currency)} · unrealised ${formatPnl(unrealised, currency)} · since 00:00 UTC`}
        />
        <Stat
          label="Open positions"
          testId="stat-open"
          value={<span data-testid="open-count">{positions.length}</span>}
          detail={positions.length ? `On ${onAccounts === 1 ? "1 account" : `${onAccounts} accounts`}` : "Flat"}
        />
        {winRate}
      </div>
      <section aria-labelledby="open-title" className="rounded-lg border border-border bg-surface p-4">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="open-title" className="text-base font-semibold">
            Open positions
          </h2>
          <LiveBadge state={stream} />
        </div>
        <OpenPositionsList positions={positions} accountNames={Object.fromEntries(accounts.map((a) => [a.id, a.name]))} />
      </section>
    </>
  );
}
