import type { Metadata } from "next";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { brokerOptions } from "@/lib/accounts/broker-options";
import { AccountsManager } from "@/components/accounts/accounts-manager";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requireUser();
  const accounts = await listAccounts(user);
  return (
    <>
      <h1 className="text-2xl font-semibold">Broker accounts</h1>
      <AccountsManager initial={accounts} brokers={brokerOptions()} />
    </>
  );
}
