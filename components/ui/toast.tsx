"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

export type ToastTone = "info" | "success" | "error";
type Toast = { id: number; tone: ToastTone; message: string };
type ToastApi = { show: (message: string, tone?: ToastTone) => void };

const ToastContext = createContext<ToastApi | null>(null);

const TONE: Record<ToastTone, string> = {
  info: "border-border",
  success: "border-profit",
  error: "border-loss",
};
const LABEL: Record<ToastTone, string> = { info: "Note", success: "Done", error: "Error" };
// Errors stay longer: they usually ask the reader to do something.
const LIFETIME_MS: Record<ToastTone, number> = { info: 5_000, success: 5_000, error: 10_000 };

/**
 * Holds the toasts of the page and renders their region: a polite live region for
 * notes and confirmations, an assertive one for errors, so screen readers hear them.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = "info") => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, message }]);
      setTimeout(() => dismiss(id), LIFETIME_MS[tone]);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ show }), [show]);
  const region = (errors: boolean) => (
    <div aria-live={errors ? "assertive" : "polite"} className="flex flex-col gap-2">
      {toasts
        .filter((t) => (t.tone === "error") === errors)
        .map((t) => (
          <div key={t.id} className={`pointer-events-auto flex items-start gap-3 rounded-md border-l-4 bg-surface p-3 text-sm shadow-lg ${TONE[t.tone]}`} data-testid="toast">
            <p className="min-w-0 flex-1 break-words">
              <span className="sr-only">{LABEL[t.tone]}: </span>
              {t.message}
            </p>
            <button type="button" onClick={() => dismiss(t.id)} className="rounded px-1 text-muted hover:text-text" aria-label="Dismiss notification">
              ×
            </button>
          </div>
        ))}
    </div>
  );
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div role="region" aria-label="Notifications" className="pointer-events-none fixed inset-x-2 bottom-2 z-50 flex flex-col gap-2 sm:left-auto sm:right-4 sm:w-96">
        {region(true)}
        {region(false)}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a toast from any client component under the dashboard layout: `useToast().show("Saved", "success")`. */
export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast() needs a <ToastProvider> above it (the dashboard layout has one).");
  return ctx;
}
