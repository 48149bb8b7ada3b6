import type { Metadata } from "next";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { Playground } from "@/components/playground/playground";

export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage({ searchParams }: { searchParams: Promise<{ account?: string | string[] }> }) {
  const user = await requireUser();
  const [accounts, { account }] = await Promise.all([listAccounts(user), searchParams]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Test alert playground</h1>
      <p className="max-w-3xl text-sm text-muted">
        Paste an alert as TradingView would send it. It is checked as you type with the webhook&apos;s own rules, then sized for the account with a live quote
        and your risk settings — nothing is traded until you press “Send to paper”.
      </p>
      <Playground
        accounts={accounts.map(({ id, name, broker, mode, enabled }) => ({ id, name, broker, mode, enabled }))}
        initialAccountId={typeof account === "string" ? account : undefined}
      />
    </>
  );
}
