import type { ReactNode } from "react";

/** The DOM id of a settings field, from its schema path ("trading_hours.end" → "risk-trading_hours-end"). */
export function fieldId(form: string, path: string): string {
  return `${form}-${path.replace(/\./g, "-")}`;
}

/** A labelled checkbox with an optional hint. */
export function Checkbox({ id, label, hint, checked, onChange }: { id: string; label: ReactNode; hint?: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-[var(--primary)]" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-muted">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Focuses the first field with an error, in document order, so keyboard users land on it. */
export function focusFirstError(form: string, paths: string[]) {
  const els = paths.map((p) => document.getElementById(fieldId(form, p)) ?? document.getElementById(fieldId(form, p.split(".").slice(0, -1).join(".")))).filter((e): e is HTMLElement => !!e);
  els.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  els[0]?.focus();
}
