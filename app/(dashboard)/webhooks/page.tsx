import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { requireUser } from "@/lib/http/page-session";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { TRADINGVIEW_IPS } from "@/lib/accounts/ip-allowlist";
import { config } from "@/lib/config/env";
import { publicOrigin } from "@/lib/webhooks/reachability";
import { Card } from "@/components/ui/card";
import { TradingViewChecklist } from "@/components/webhooks/tradingview-checklist";
import { WebhookSetup } from "@/components/webhooks/webhook-setup";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ account?: string | string[] }> }) {
  const user = await requireUser();
  const [accounts, h, { account }] = await Promise.all([listAccounts(user), headers(), searchParams]);
  const origin = publicOrigin({
    // Only an explicitly set public URL beats the address the page was opened on.
    configured: process.env.UNIFY_PUBLIC_URL ? config().UNIFY_PUBLIC_URL : undefined,
    forwardedProto: h.get("x-forwarded-proto"),
    forwardedHost: h.get("x-forwarded-host"),
    host: h.get("host"),
  });
  return (
    <>
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <p className="max-w-3xl text-sm text-muted">
        Point TradingView (or any bot) at your account: a URL, a message, and the checks Unify runs before anything reaches your broker.
      </p>
      {accounts.length === 0 ? (
        <Card title="No broker account yet">
          <p className="text-sm" data-testid="webhooks-empty">
            Webhook templates belong to an account and its API key.{" "}
            <Link className="text-primary underline" href="/accounts">
              Connect an account
            </Link>{" "}
            — the built-in paper broker needs no credentials — then come back here for the URL and alert message.
          </p>
        </Card>
      ) : (
        <WebhookSetup
          accounts={accounts.map(({ id, broker, name, mode, enabled, api_key_masked, require_signature, ip_allowlist }) => ({
            id,
            broker,
            name,
            mode,
            enabled,
            api_key_masked,
            require_signature,
            ip_allowlist,
          }))}
          origin={origin}
          tradingViewIps={TRADINGVIEW_IPS}
          initialAccountId={typeof account === "string" ? account : undefined}
        />
      )}
      <TradingViewChecklist />
    </>
  );
}
