"use client";

import Link from "next/link";
import { TextField } from "@/components/ui/field";
import { looksLikeKey, matchesMaskedKey } from "@/lib/webhooks/templates";

/** Whether a pasted key can go into the templates, and why not. */
export function keyProblem(key: string, masked: string | null): string | null {
  if (!key) return null;
  if (!looksLikeKey(key)) return "This is not an API key: keys start with uk_demo_ or uk_live_ followed by at least 32 letters and digits.";
  if (!matchesMaskedKey(key, masked)) return `This key is not this account's (its key is ${masked ?? "not set"}). Alerts with it would go to another account or be refused.`;
  return null;
}

/** Lets the trader paste the key shown once at account creation; it never leaves the browser tab. */
export function ApiKeyInput({ value, onChange, masked }: { value: string; onChange: (v: string) => void; masked: string | null }) {
  const problem = keyProblem(value, masked);
  return (
    <div className="space-y-2">
      <TextField
        id="webhook-api-key"
        label="API key (optional)"
        autoComplete="off"
        spellCheck={false}
        placeholder={masked ?? "uk_demo_…"}
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        error={problem}
        hint={
          <>
            Unify stores only a hash: this page knows the key as <span className="font-mono">{masked ?? "—"}</span>. Paste the full key to have it put into
            the templates below; it stays in this tab and is not sent anywhere. Otherwise replace <span className="font-mono">PASTE_YOUR_API_KEY_HERE</span>{" "}
            yourself. Lost it?{" "}
            <Link className="text-primary underline" href="/accounts">
              Regenerate it on Accounts
            </Link>
            .
          </>
        }
      />
    </div>
  );
}
