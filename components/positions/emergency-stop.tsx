"use client";

import { useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { DANGER_DARK } from "./danger-dark";
import { useToast } from "@/components/ui/toast";
import { ACCOUNTS_CHANGED_EVENT } from "@/components/shell/emergency-banner";
import { countStopPlan, describeStopPlan, type StopPlan } from "./stop-plan";
import { StopSummaryPanel, type StopSummary } from "./stop-summary";

/**
 * The red button. It first counts what it is about to do, asks in one exact sentence,
 * then flattens everything and disables every account, and shows what happened.
 */
export function EmergencyStop({ accountNames }: { accountNames: Record<string, string> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const toast = useToast();
  const [plan, setPlan] = useState<StopPlan | null>(null);
  const [countError, setCountError] = useState<string | null>(null);
  const [phase, setPhase] = useState<"idle" | "counting" | "asking" | "stopping">("idle");
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<StopSummary | null>(null);

  async function ask() {
    setPhase("counting");
    setError(null);
    try {
      setPlan(await countStopPlan());
      setCountError(null);
    } catch {
      setPlan(null);
      setCountError("Could not count positions and orders just now; the stop still acts on all of them.");
    }
    setPhase("asking");
    dialog.current?.showModal();
  }

  async function stop() {
    setPhase("stopping");
    setError(null);
    try {
      const result = await api<StopSummary>("/emergency-stop", { method: "POST" });
      setSummary(result);
      dialog.current?.close();
      const errors = result.errors.length ? `, ${result.errors.length} not closed (see the summary)` : "";
      toast.show(`Emergency stop: ${result.positions_closed} closed, ${result.accounts_disabled} disabled${errors}.`, result.errors.length ? "error" : "success");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not reach Unify. Nothing is confirmed: check your positions and retry.");
      setPhase("asking");
      return;
    } finally {
      window.dispatchEvent(new Event(ACCOUNTS_CHANGED_EVENT));
    }
    setPhase("idle");
  }

  return (
    <section aria-labelledby="stop-title" className="rounded-lg border border-loss/60 bg-surface p-4">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="stop-title" className="font-semibold">
            Emergency stop
          </h2>
          <p className="text-sm text-muted">Flattens every position at market, cancels working orders and disables every account.</p>
        </div>
        <Button type="button" variant="danger" className={`w-full px-6 sm:w-auto ${DANGER_DARK}`} onClick={() => void ask()} disabled={phase !== "idle"}>
          {phase === "counting" ? "Counting…" : "Emergency stop"}
        </Button>
      </div>
      {summary ? <StopSummaryPanel summary={summary} accountNames={accountNames} onDismiss={() => setSummary(null)} /> : null}
      <dialog
        ref={dialog}
        aria-labelledby="stop-confirm-title"
        aria-describedby="stop-confirm-text"
        onCancel={(e) => {
          if (phase === "stopping") e.preventDefault();
        }}
        onClose={() => setPhase((p) => (p === "stopping" ? p : "idle"))}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border-2 border-loss bg-surface p-5 text-text backdrop:bg-black/60"
        data-testid="stop-dialog"
      >
        <h2 id="stop-confirm-title" className="text-lg font-semibold text-loss">
          Stop all trading now?
        </h2>
        <p id="stop-confirm-text" className="mt-3 text-sm" data-testid="stop-plan">
          {describeStopPlan(plan)}
        </p>
        {plan ? (
          <p className="mt-2 text-sm text-muted">
            {plan.enabledAccounts.length ? `Accounts that will be disabled: ${plan.enabledAccounts.join(", ")}.` : "Every account is already disabled."}
          </p>
        ) : null}
        {countError ? <p className="mt-2 text-sm text-warn">{countError}</p> : null}
        {error ? (
          <p role="alert" className="mt-2 text-sm text-loss">
            {error}
          </p>
        ) : null}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()} disabled={phase === "stopping"} autoFocus>
            Cancel
          </Button>
          <Button type="button" variant="danger" className={DANGER_DARK} onClick={() => void stop()} disabled={phase === "stopping"}>
            {phase === "stopping" ? "Stopping…" : "Stop everything"}
          </Button>
        </div>
      </dialog>
    </section>
  );
}
