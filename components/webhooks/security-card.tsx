"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { AccountView } from "@/lib/accounts/schemas";
import type { WebhookAccount } from "./types";

/** True when the allowlist is exactly TradingView's addresses (the preset or the four IPs). */
export function isTradingViewOnly(allowlist: string[], tradingViewIps: string[]): boolean {
  if (allowlist.length === 1 && allowlist[0] === "tradingview") return true;
  return allowlist.length === tradingViewIps.length && tradingViewIps.every((ip) => allowlist.includes(ip));
}

type Props = { account: WebhookAccount; tradingViewIps: string[]; onUpdated: (a: WebhookAccount) => void };

/** IP allowlist (one click to TradingView's addresses) and the signature requirement. */
export function SecurityCard({ account, tradingViewIps, onUpdated }: Props) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const restricted = isTradingViewOnly(account.ip_allowlist, tradingViewIps);

  async function patch(body: { ip_allowlist?: string[]; require_signature?: boolean }, done: string) {
    setBusy(true);
    setMessage(null);
    try {
      const { account: updated } = await api<{ account: AccountView }>(`/accounts/${account.id}`, { method: "PATCH", body });
      onUpdated(updated);
      setMessage({ text: done, error: false });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : "Could not save; check your connection and try again.", error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="3. Lock it down">
      <div className="space-y-5 text-sm">
        <section aria-labelledby="ip-heading" className="space-y-2">
          <h3 id="ip-heading" className="font-medium">
            Source IP addresses
          </h3>
          <p className="text-muted">TradingView sends webhooks from these four addresses:</p>
          <ul className="flex flex-wrap gap-2 font-mono text-xs" data-testid="tradingview-ips">
            {tradingViewIps.map((ip) => (
              <li key={ip} className="rounded border border-border bg-surface-2 px-2 py-1">
                {ip}
              </li>
            ))}
          </ul>
          <p data-testid="ip-allowlist-status">
            This account accepts alerts from{" "}
            <strong>{account.ip_allowlist.length === 0 ? "any IP address" : restricted ? "TradingView's addresses only" : account.ip_allowlist.join(", ")}</strong>.
          </p>
          {restricted ? (
            <Button variant="secondary" disabled={busy} onClick={() => patch({ ip_allowlist: [] }, "Alerts are accepted from any IP address again.")}>
              Allow any IP address
            </Button>
          ) : (
            <Button variant="secondary" disabled={busy} onClick={() => patch({ ip_allowlist: ["tradingview"] }, "Only TradingView's addresses can send alerts now.")}>
              Restrict to TradingView IPs
            </Button>
          )}
          <p className="text-xs text-muted">Once restricted, your own scripts and bots on other machines are refused (403 ip_not_allowed).</p>
        </section>
        <section aria-labelledby="sig-heading" className="space-y-2">
          <h3 id="sig-heading" className="font-medium">
            Signed webhooks
          </h3>
          {account.require_signature ? (
            <p className="rounded-md border-2 border-warn p-2" role="note">
              <strong>This account requires a signature on every alert.</strong> TradingView cannot sign, so its alerts will be refused (401). Turn the
              requirement off for TradingView, or send only from your own signed bot.
            </p>
          ) : (
            <p className="text-muted">Signatures are checked when sent, not required. Require them when only your own signed bots send to this account.</p>
          )}
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() =>
              patch(
                { require_signature: !account.require_signature },
                account.require_signature ? "Unsigned alerts are accepted again." : "Only signed alerts are accepted now.",
              )
            }
          >
            {account.require_signature ? "Stop requiring signatures" : "Require signed webhooks"}
          </Button>
        </section>
        <p role="status" className={message?.error ? "text-loss" : "text-profit"}>
          {message?.text}
        </p>
      </div>
    </Card>
  );
}
