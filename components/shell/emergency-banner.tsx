"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Dispatched on window after anything that changes accounts (the emergency stop does), so the banner re-reads them. */
export const ACCOUNTS_CHANGED_EVENT = "unify:accounts-changed";

export type AccountStatus = { id: string; name: string; status: string; status_reason: string | null };

// The emergency stop marks every account it disabled this way (lib/trading/emergency-stop.ts).
const stoppedOnly = (list: AccountStatus[]) => list.filter((a) => a.status === "disabled" && a.status_reason === "Emergency stop");

/**
 * Shown on every dashboard page while any account is disabled by the emergency stop:
 * says that no alert will trade, and offers to re-enable the accounts (after a second,
 * explicit confirmation, since alerts trade again at once).
 */
export function EmergencyBanner({ initial }: { initial: AccountStatus[] }) {
  const [stopped, setStopped] = useState(() => stoppedOnly(initial));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reread = useCallback(async () => {
    try {
      const { accounts } = await api<{ accounts: AccountStatus[] }>("/accounts");
      setStopped(stoppedOnly(accounts));
    } catch {
      // Keeps what it knows; the next account event or page load reads again.
    }
  }, []);
  const rereadSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void reread(), 250);
  }, [reread]);

  useStream(rereadSoon, ["account"]);
  useEffect(() => {
    window.addEventListener(ACCOUNTS_CHANGED_EVENT, rereadSoon);
    return () => {
      window.removeEventListener(ACCOUNTS_CHANGED_EVENT, rereadSoon);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [rereadSoon]);

  async function reenable() {
    setBusy(true);
    setError(null);
    const results = await Promise.allSettled(stopped.map((a) => api(`/accounts/${a.id}`, { method: "PATCH", body: { enabled: true } })));
    const failed = stopped.filter((_, i) => results[i].status === "rejected");
    setBusy(false);
    setConfirming(false);
    if (failed.length) {
      const first = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      setError(`Could not re-enable ${failed.map((a) => a.name).join(", ")}: ${first?.reason instanceof ApiError ? first.reason.message : "Unify did not answer"}.`);
    } else {
      toast.show(`Re-enabled ${stopped.length === 1 ? "1 account" : `${stopped.length} accounts`}; alerts trade again.`, "success");
    }
    window.dispatchEvent(new Event(ACCOUNTS_CHANGED_EVENT));
    await reread();
  }

  const n = stopped.length;
  return (
    <div aria-live="polite">
      {n ? (
        <section aria-label="Emergency stop" className="rounded-lg border-2 border-loss bg-surface p-3 text-sm" data-testid="emergency-banner">
          <div className="flex flex-wrap items-center gap-3">
            <p className="min-w-0 flex-1 basis-72">
              <strong className="text-loss">Emergency stop is on.</strong> {n === 1 ? "1 account is" : `${n} accounts are`} disabled ({stopped.map((a) => a.name).join(", ")}), so no alert
              trades until you re-enable {n === 1 ? "it" : "them"}.
            </p>
            {confirming ? null : (
              <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
                Re-enable accounts
              </Button>
            )}
          </div>
          {confirming ? (
            <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-border pt-3">
              <p className="min-w-0 flex-1 basis-72">Alerts will trade again on {n === 1 ? "this account" : `these ${n} accounts`} as soon as they arrive.</p>
              <Button type="button" onClick={() => void reenable()} disabled={busy} autoFocus>
                {busy ? "Re-enabling…" : `Re-enable ${n === 1 ? "1 account" : `${n} accounts`}`}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setConfirming(false)} disabled={busy}>
                Cancel
              </Button>
            </div>
          ) : null}
          {error ? (
            <p role="alert" className="mt-2 text-loss">
              {error}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
