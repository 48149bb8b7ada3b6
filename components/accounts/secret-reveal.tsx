"use client";

import { CopyButton } from "@/components/ui/copy-button";

export type RevealedSecrets = {
  accountName: string;
  api_key: string;
  webhook_secret: string;
  ea_device?: { device_id: string; device_secret: string };
};

/** Shows a new key (and secrets) once, with copy buttons and a clear "you won't see this again". */
export function SecretReveal({ secrets, onDone }: { secrets: RevealedSecrets; onDone: () => void }) {
  const rows: [string, string][] = [
    ["API key", secrets.api_key],
    ["Webhook signing secret", secrets.webhook_secret],
    ...(secrets.ea_device
      ? ([
          ["EA device id", secrets.ea_device.device_id],
          ["EA device secret", secrets.ea_device.device_secret],
        ] as [string, string][])
      : []),
  ];
  return (
    <div role="region" aria-label="New credentials" className="space-y-3 rounded-lg border-2 border-warn bg-surface p-4" data-testid="secret-reveal">
      <p className="font-semibold">Copy these now for “{secrets.accountName}” — they are shown only once.</p>
      <p className="text-sm text-muted">We store only a hash of the key. If you lose it, regenerate a new one (your alerts must then be updated).</p>
      {rows.map(([label, value]) => (
        <div key={label} className="space-y-1">
          <div className="text-xs font-medium uppercase tracking-wide text-muted">{label}</div>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-surface-2 px-2 py-1 font-mono text-sm" data-testid={`reveal-${label.toLowerCase().replace(/\s+/g, "-")}`}>
              {value}
            </code>
            <CopyButton value={value} label={`Copy ${label}`} />
          </div>
        </div>
      ))}
      <button type="button" onClick={onDone} className="rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-fg">
        I have saved them
      </button>
    </div>
  );
}
