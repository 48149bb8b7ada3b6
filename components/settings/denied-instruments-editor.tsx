"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { addInstrument, type FieldErrors } from "./form-values";
import { fieldId } from "./controls";

/** The denied instruments list: add by typing (Enter or the button), remove one by one. */
export function DeniedInstrumentsEditor({ value, onChange, errors }: { value: string[]; onChange: (v: string[]) => void; errors: FieldErrors }) {
  const [draft, setDraft] = useState("");
  const id = fieldId("risk", "denied_instruments");
  const add = () => {
    onChange(addInstrument(value, draft));
    setDraft("");
  };
  const listError = errors.denied_instruments;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Denied instruments</legend>
      <p id={`${id}-hint`} className="text-xs text-muted">
        Entries in these symbols are blocked. Matching ignores case and exchange prefixes: EURUSD also stops OANDA:EURUSD; NQ stops NQ1! and NQZ5.
      </p>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          aria-label="Instrument to deny"
          aria-describedby={`${id}-hint`}
          className="min-w-0 flex-1 rounded-md border border-border bg-surface px-3 py-2 text-sm uppercase"
          value={draft}
          placeholder="GBPJPY"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button type="button" variant="secondary" onClick={add} disabled={!draft.trim()}>
          Add instrument
        </Button>
      </div>
      {value.length === 0 ? (
        <p className="text-sm text-muted" data-testid="denied-empty">
          None: every instrument may be traded.
        </p>
      ) : (
        <ul className="flex flex-wrap gap-2" data-testid="denied-list">
          {value.map((symbol, n) => (
            <li key={symbol} className={`flex items-center gap-1 rounded-full border px-3 py-1 text-sm ${errors[`denied_instruments.${n}`] ? "border-loss" : "border-border"}`}>
              <span className="font-mono">{symbol}</span>
              <button
                type="button"
                className="rounded-full px-1 text-muted hover:text-text"
                aria-label={`Remove ${symbol}`}
                onClick={() => onChange(value.filter((s) => s !== symbol))}
              >
                ×
              </button>
              {errors[`denied_instruments.${n}`] ? <span className="text-xs text-loss">{errors[`denied_instruments.${n}`]}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {listError ? <p className="text-xs text-loss">{listError}</p> : null}
    </fieldset>
  );
}
