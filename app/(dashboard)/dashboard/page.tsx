import type { Metadata } from "next";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { listPositions } from "@/lib/trading/list-positions";
import { listLogs } from "@/lib/activity/list-logs";
import { OverviewLive } from "@/components/overview/overview-live";
import { WinRateCard } from "@/components/overview/win-rate-card";
import { RecentActivity } from "@/components/overview/recent-activity";
import { GetStarted } from "@/components/overview/get-started";
import { realisedToday, startOfUtcDay } from "@/components/overview/today";

export const metadata: Metadata = { title: "Overview" };

/** Overview: first paint from the database, then live islands for the numbers and the activity. */
export default async function OverviewPage() {
  const user = await requireUser();
  const dayStart = startOfUtcDay(new Date());
  const [accounts, open, closed, logs] = await Promise.all([
    listAccounts(user),
    listPositions(user, { status: "open", limit: 200 }),
    // Newest closes first, so today's are all here unless one day closed more than 500.
    listPositions(user, { status: "closed", limit: 500 }),
    listLogs(user, { limit: 8 }),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      {accounts.length === 0 ? (
        <GetStarted />
      ) : (
        <OverviewLive
          key={dayStart.toISOString()}
          accounts={accounts.map((a) => ({ id: a.id, name: a.name, currency: a.currency, balance: a.balance, margin: a.margin }))}
          positions={open}
          realised={realisedToday(closed, open, dayStart)}
          winRate={<WinRateCard />}
        />
      )}
      <RecentActivity initial={logs.logs} />
    </>
  );
}
