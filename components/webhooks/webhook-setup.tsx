"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { tradingViewProblems } from "@/lib/webhooks/reachability";
import { webhookUrl } from "@/lib/webhooks/templates";
import { ApiKeyInput, keyProblem } from "./api-key-input";
import { CodeBlock } from "./code-block";
import { CopyAction } from "./copy-action";
import { SecurityCard } from "./security-card";
import { SigningHelp } from "./signing-help";
import { TemplatesCard } from "./templates-card";
import type { WebhookAccount } from "./types";

type Props = { accounts: WebhookAccount[]; origin: string; tradingViewIps: string[]; initialAccountId?: string };

/** Webhook URL, alert templates and intake security for one account at a time. */
export function WebhookSetup({ accounts: initial, origin, tradingViewIps, initialAccountId }: Props) {
  const [accounts, setAccounts] = useState(initial);
  const [selectedId, setSelectedId] = useState(initial.some((a) => a.id === initialAccountId) ? initialAccountId! : initial[0].id);
  const [keys, setKeys] = useState<Record<string, string>>({});
  const account = accounts.find((a) => a.id === selectedId) ?? accounts[0];
  const key = keys[account.id] ?? "";
  const usableKey = key && !keyProblem(key, account.api_key_masked) ? key : undefined;
  const url = webhookUrl(origin, account.broker);
  const problems = tradingViewProblems(url);

  return (
    <div className="space-y-4">
      {accounts.length > 1 ? (
        <div className="max-w-md">
          <SelectField id="webhook-account" label="Account" value={account.id} onChange={(e) => setSelectedId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} — {a.broker} ({a.mode})
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {!account.enabled ? (
        <p className="rounded-md border-2 border-warn bg-surface p-3 text-sm" role="note">
          <strong>{account.name} is disabled</strong> (for example by an emergency stop): its alerts are refused until you enable it on Accounts.
        </p>
      ) : null}
      <Card title="1. Webhook URL">
        <div className="space-y-3">
          <p className="text-sm text-muted">
            In TradingView: create an alert → <strong>Notifications</strong> → tick <strong>Webhook URL</strong> and paste this. The last part is the broker
            of “{account.name}”: alerts with its key must go to <span className="font-mono">/webhook/{account.broker}</span>.
          </p>
          <CodeBlock label="Webhook URL" testId="webhook-url">
            {url}
          </CodeBlock>
          <CopyAction value={url} label="Copy webhook URL" />
          {problems.length > 0 ? (
            <ul className="list-disc space-y-1 rounded-md border-2 border-warn p-3 pl-7 text-sm" aria-label="Problems with this URL for TradingView">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <ApiKeyInput value={key} masked={account.api_key_masked} onChange={(v) => setKeys((k) => ({ ...k, [account.id]: v }))} />
        </div>
      </Card>
      <TemplatesCard apiKey={usableKey} accountId={account.id} />
      <SecurityCard
        account={account}
        tradingViewIps={tradingViewIps}
        onUpdated={(updated) => setAccounts((list) => list.map((a) => (a.id === updated.id ? { ...a, ...updated } : a)))}
      />
      <SigningHelp url={url} />
    </div>
  );
}
