"use client";

import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { fillPlaceholders } from "@/lib/webhooks/templates";
import { AlertEditor } from "./alert-editor";
import { OrderPreview } from "./order-preview";
import { SAMPLES } from "./samples";
import { SendToPaper } from "./send-to-paper";
import { useDryRun } from "./use-dry-run";
import { offsetOfLine, validateAlertText, type AlertFormat } from "./validate-text";

export type PlaygroundAccount = { id: string; name: string; broker: string; mode: string; enabled: boolean };

const FORMAT_TEXT: Record<AlertFormat, string> = {
  flat: "flat TradingView alert",
  envelope: "unify.v1 envelope",
  intent: "bare intent (what POST /order takes; TradingView webhooks need the flat or unify.v1 format)",
};

/** Write or load an alert, see it validated as you type, preview the sized order, send it to paper. */
export function Playground({ accounts, initialAccountId }: { accounts: PlaygroundAccount[]; initialAccountId?: string }) {
  const [text, setText] = useState(SAMPLES[0].text);
  const [accountId, setAccountId] = useState<string | null>(accounts.find((a) => a.id === initialAccountId)?.id ?? accounts[0]?.id ?? null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const validation = useMemo(() => validateAlertText(text), [text]);
  const intent = validation.ok ? validation.intent : null;
  const dryRun = useDryRun(intent, accountId);
  const account = accounts.find((a) => a.id === accountId) ?? null;
  const issues = validation.ok ? [] : validation.issues;

  const goToLine = (line: number) => {
    const el = editor.current;
    if (!el) return;
    const at = offsetOfLine(text, line);
    el.focus();
    el.setSelectionRange(at, at);
  };

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Alert">
        <div className="space-y-3">
          {accounts.length > 0 ? (
            <SelectField id="playground-account" label="Account" value={accountId ?? ""} onChange={(e) => setAccountId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} — {a.broker} ({a.mode}){a.enabled ? "" : ", disabled"}
                </option>
              ))}
            </SelectField>
          ) : null}
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Start from a sample</legend>
            <div className="flex flex-wrap gap-2">
              {SAMPLES.map((s) => (
                <button
                  key={s.id}
                  type="button"
                  onClick={() => setText(s.text)}
                  className="rounded-md border border-border px-2 py-1 text-xs hover:bg-surface-2"
                >
                  {s.label}
                </button>
              ))}
            </div>
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="alert-json" className="block text-sm font-medium">
              Alert JSON
            </label>
            <AlertEditor value={text} onChange={setText} issues={issues} textareaRef={editor} describedBy="alert-validation" />
          </div>
          {/\{\{[^{}]*\}\}/.test(text) ? (
            <Button variant="secondary" onClick={() => setText(fillPlaceholders(text))}>
              Fill placeholders with sample values
            </Button>
          ) : null}
          <div id="alert-validation" aria-live="polite" className="space-y-2 text-sm" data-testid="alert-validation">
            {validation.ok ? (
              <p className="text-profit">
                <span aria-hidden="true">✓ </span>Valid {FORMAT_TEXT[validation.format]}.
                {validation.hasApiKey ? <span className="block text-muted">The api_key is not checked here: the preview uses the account selected above.</span> : null}
              </p>
            ) : (
              <>
                <p className="font-medium text-loss">
                  <span aria-hidden="true">✕ </span>
                  {issues.length === 1 ? "1 problem" : `${issues.length} problems`}
                  {validation.format ? ` in this ${FORMAT_TEXT[validation.format]}` : ""}:
                </p>
                <ul className="space-y-1" data-testid="alert-issues">
                  {issues.map((issue, n) => (
                    <li key={n} className="flex flex-wrap items-baseline gap-x-2">
                      {issue.line !== undefined ? (
                        <button type="button" className="rounded px-1 font-mono text-xs text-primary underline" onClick={() => goToLine(issue.line!)}>
                          Line {issue.line}
                        </button>
                      ) : null}
                      {issue.path ? <code className="font-mono font-semibold">{issue.path}</code> : null}
                      <span>{issue.message}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>
      </Card>
      <Card
        title="Order preview"
        actions={
          <Button variant="secondary" onClick={dryRun.refresh} disabled={!intent || !accountId}>
            Validate
          </Button>
        }
      >
        <div className="space-y-4">
          {accounts.length === 0 ? (
            <p className="text-sm" data-testid="playground-no-account">
              The preview sizes the order for one of your accounts.{" "}
              <Link className="text-primary underline" href="/accounts">
                Connect an account
              </Link>{" "}
              (paper needs no credentials) to see it.
            </p>
          ) : !intent ? (
            <p className="text-sm text-muted">Fix the alert to see the order it would place.</p>
          ) : dryRun.status === "error" ? (
            <p className="text-sm text-loss" role="alert">
              {dryRun.error}
            </p>
          ) : dryRun.report ? (
            <div aria-busy={dryRun.stale} data-testid={dryRun.stale ? "preview-stale" : "preview-current"}>
              {/* Said in words rather than by dimming: faded text would fail contrast. */}
              <p className="mb-2 min-h-5 text-xs text-muted" aria-live="polite">
                {dryRun.stale ? "Updating the preview for your latest edit…" : ""}
              </p>
              <OrderPreview report={dryRun.report} />
            </div>
          ) : (
            <p className="text-sm text-muted" aria-busy="true">
              Sizing the order with a live quote…
            </p>
          )}
          <SendToPaper intent={intent} accountId={accountId} isPaper={account?.broker === "paper"} disabled={!account?.enabled} />
        </div>
      </Card>
    </div>
  );
}
