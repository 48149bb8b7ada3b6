"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client";
import type { ValidationReport } from "@/lib/execution/validate-alert";
import type { Intent } from "@/lib/intake/schemas";

export type DryRun = { status: "idle" | "loading" | "done" | "error"; report: ValidationReport | null; error: string | null };
type Answered = DryRun & { for: string | null };

const DEBOUNCE_MS = 400;

/**
 * POST /alerts/validate for the intent, debounced while the trader types. Sends the intent
 * the browser already validated as an explicit envelope with the chosen account, so the
 * server sizes exactly what the editor shows. `refresh` runs it now (fresh quote).
 */
export function useDryRun(intent: Intent | null, accountId: string | null): DryRun & { stale: boolean; refresh: () => void } {
  const [state, setState] = useState<Answered>({ status: "idle", report: null, error: null, for: null });
  const [nonce, setNonce] = useState(0);
  const key = intent && accountId ? JSON.stringify([intent, accountId]) : null;
  const last = useRef<string | null>(null);

  useEffect(() => {
    if (!key) return;
    const [body, account] = JSON.parse(key) as [Intent, string];
    const controller = new AbortController();
    // A manual refresh (nonce change) skips the debounce.
    const delay = last.current === key ? 0 : DEBOUNCE_MS;
    last.current = key;
    const timer = setTimeout(async () => {
      setState((s) => ({ ...s, status: "loading" }));
      try {
        const report = await api<ValidationReport>("/alerts/validate", {
          body: { version: "unify.v1", source: "playground", intent: { ...body, account_id: account } },
          signal: controller.signal,
        });
        setState({ status: "done", report, error: null, for: key });
      } catch (err) {
        if (controller.signal.aborted) return;
        setState({ status: "error", report: null, error: err instanceof ApiError ? err.message : "Could not reach Unify; check your connection.", for: key });
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  if (!key) return { status: "idle", report: null, error: null, stale: false, refresh };
  const { for: answeredFor, ...rest } = state;
  return { ...rest, stale: answeredFor !== key || state.status === "loading", refresh };
}
