"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { IMPACTS, type Impact } from "@/lib/risk/schemas";
import { Checkbox, fieldId } from "./controls";
import type { FieldErrors, RiskForm } from "./form-values";

type News = RiskForm["news_lockout"];

/** Pause around economic calendar events for the instrument's currencies. */
export function NewsLockoutFields({ value, onChange, errors }: { value: News; onChange: (v: News) => void; errors: FieldErrors }) {
  const set = (patch: Partial<News>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold">News lockout</legend>
      <Checkbox
        id={fieldId("risk", "news_lockout.enabled")}
        label="Pause entries around economic news"
        hint="Uses the economic calendar for the currencies of the instrument (EURUSD: EUR and USD)."
        checked={value.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          id={fieldId("risk", "news_lockout.minutes_before")}
          label="Minutes before"
          inputMode="numeric"
          value={value.minutes_before}
          onChange={(e) => set({ minutes_before: e.target.value })}
          error={errors["news_lockout.minutes_before"]}
        />
        <TextField
          id={fieldId("risk", "news_lockout.minutes_after")}
          label="Minutes after"
          inputMode="numeric"
          value={value.minutes_after}
          onChange={(e) => set({ minutes_after: e.target.value })}
          error={errors["news_lockout.minutes_after"]}
        />
        <SelectField id={fieldId("risk", "news_lockout.min_impact")} label="Minimum impact" value={value.min_impact} onChange={(e) => set({ min_impact: e.target.value as Impact })}>
          {IMPACTS.map((i) => (
            <option key={i} value={i}>
              {i[0].toUpperCase() + i.slice(1)}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}
