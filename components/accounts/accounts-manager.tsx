"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { AccountView } from "@/lib/accounts/schemas";
import { formatMoney } from "@/lib/format/money";
import { ConnectForm, type BrokerOption } from "./connect-form";
import { SecretReveal, type RevealedSecrets } from "./secret-reveal";

const STATUS_TEXT: Record<string, string> = { active: "Active", disabled: "Disabled", error: "Error", down: "Not connected" };

/** Connect, list, enable/disable, re-key and delete broker accounts. */
export function AccountsManager({ initial, brokers }: { initial: AccountView[]; brokers: BrokerOption[] }) {
  const [accounts, setAccounts] = useState(initial);
  const [revealed, setRevealed] = useState<RevealedSecrets | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const replace = (a: AccountView) => setAccounts((list) => list.map((x) => (x.id === a.id ? a : x)));
  const fail = (err: unknown) => setMessage(err instanceof ApiError ? err.message : "Something went wrong; try again.");

  async function toggle(a: AccountView) {
    try {
      replace((await api<{ account: AccountView }>(`/accounts/${a.id}`, { method: "PATCH", body: { enabled: !a.enabled } })).account);
      setMessage(`${a.name} ${a.enabled ? "disabled" : "enabled"}.`);
    } catch (err) {
      fail(err);
    }
  }

  async function regenerate(a: AccountView) {
    const ok = window.confirm(
      `Regenerate the API key of “${a.name}”?\n\nThe current key stops working immediately. Every TradingView alert using it must be updated with the new key.`,
    );
    if (!ok) return;
    try {
      const { api_key } = await api<{ api_key: string }>(`/accounts/${a.id}/api-key`, { method: "POST" });
      setRevealed({ accountName: a.name, api_key, webhook_secret: "(unchanged — shown only when the account was created)" });
      const { accounts: fresh } = await api<{ accounts: AccountView[] }>("/accounts");
      setAccounts(fresh);
    } catch (err) {
      fail(err);
    }
  }

  async function remove(a: AccountView) {
    if (!window.confirm(`Delete “${a.name}” with its orders and history? This cannot be undone.`)) return;
    try {
      await api(`/accounts/${a.id}`, { method: "DELETE" });
      setAccounts((list) => list.filter((x) => x.id !== a.id));
      setMessage(`${a.name} deleted.`);
    } catch (err) {
      fail(err);
    }
  }

  return (
    <div className="space-y-4">
      <div aria-live="polite" className="text-sm" data-testid="accounts-message">
        {message}
      </div>
      {revealed ? <SecretReveal secrets={revealed} onDone={() => setRevealed(null)} /> : null}
      <Card title="Your broker accounts">
        {accounts.length === 0 ? (
          <p className="text-sm text-muted" data-testid="accounts-empty">
            No accounts yet. Connect the built-in paper broker below to try Unify without risking money.
          </p>
        ) : (
          <ul className="divide-y divide-border" data-testid="accounts-list">
            {accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3 py-3" data-testid="account-row">
                <div className="min-w-0 flex-1">
                  <div className="truncate font-medium">{a.name}</div>
                  <div className="text-xs text-muted">
                    {a.broker} · {a.mode} · <span className={a.status === "active" ? "text-profit" : "text-warn"}>{STATUS_TEXT[a.status] ?? a.status}</span>
                    {a.status_reason ? ` — ${a.status_reason}` : ""}
                  </div>
                  <div className="mt-1 font-mono text-xs text-muted" data-testid="masked-key">
                    Key {a.api_key_masked ?? "—"}
                  </div>
                </div>
                <div className="text-right text-sm">
                  <div>{formatMoney(a.equity, a.currency)}</div>
                  <div className="text-xs text-muted">balance {formatMoney(a.balance, a.currency)}</div>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" onClick={() => toggle(a)} aria-label={`${a.enabled ? "Disable" : "Enable"} ${a.name}`}>
                    {a.enabled ? "Disable" : "Enable"}
                  </Button>
                  <Button variant="secondary" onClick={() => regenerate(a)} aria-label={`Regenerate key for ${a.name}`}>
                    Regenerate key
                  </Button>
                  <Button variant="ghost" onClick={() => remove(a)} aria-label={`Delete ${a.name}`}>
                    Delete
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Connect an account">
        <ConnectForm
          brokers={brokers}
          onCreated={(c) => {
            setAccounts((list) => [...list, c.account]);
            setRevealed({ accountName: c.account.name, api_key: c.api_key, webhook_secret: c.webhook_secret, ea_device: c.ea_device });
            setMessage(`${c.account.name} connected.`);
          }}
        />
      </Card>
    </div>
  );
}
