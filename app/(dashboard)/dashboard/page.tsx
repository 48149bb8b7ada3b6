import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const accounts = await listAccounts(user);
  const equity = accounts.reduce((s, a) => s + a.equity, 0);
  const balance = accounts.reduce((s, a) => s + a.balance, 0);
  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title="Equity">
          <p className="text-2xl font-semibold" data-testid="total-equity">{formatMoney(equity)}</p>
          <p className="text-sm text-muted">balance {formatMoney(balance)}</p>
        </Card>
        <Card title="Accounts">
          <p className="text-2xl font-semibold">{accounts.length}</p>
          <p className="text-sm text-muted">{accounts.filter((a) => a.enabled).length} enabled</p>
        </Card>
      </div>
      {accounts.length === 0 ? (
        <Card title="Get started">
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            <li>
              <Link className="text-primary underline" href="/accounts">
                Connect a paper account
              </Link>{" "}
              and copy its API key.
            </li>
            <li>Paste the webhook URL and alert message into a TradingView alert.</li>
            <li>Watch the position appear here with live P&amp;L.</li>
          </ol>
        </Card>
      ) : null}
    </>
  );
}
