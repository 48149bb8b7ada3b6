"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Checkbox, fieldId } from "./controls";
import type { FieldErrors, RiskForm } from "./form-values";

// Monday first, as traders read a week; values are the schema's 0 = Sunday … 6 = Saturday.
const WEEK = [
  [1, "Mon"],
  [2, "Tue"],
  [3, "Wed"],
  [4, "Thu"],
  [5, "Fri"],
  [6, "Sat"],
  [0, "Sun"],
] as const;

type Hours = RiskForm["trading_hours"];

/** Trading window: on/off, start and end in a time zone, and the weekdays it applies to. */
export function TradingHoursFields({ value, onChange, errors, timezones }: { value: Hours; onChange: (v: Hours) => void; errors: FieldErrors; timezones: string[] }) {
  const set = (patch: Partial<Hours>) => onChange({ ...value, ...patch });
  const endOfDay = value.end === "24:00";
  const zones = timezones.includes(value.timezone) ? timezones : [value.timezone, ...timezones];
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold">Trading hours</legend>
      <Checkbox
        id={fieldId("risk", "trading_hours.enabled")}
        label="Only trade inside these hours"
        hint="Entries outside the window are blocked; exits always go through. An end before the start runs overnight."
        checked={value.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={fieldId("risk", "trading_hours.start")} label="Start" type="time" value={value.start} onChange={(e) => set({ start: e.target.value })} error={errors["trading_hours.start"]} />
        <div className="space-y-1">
          <TextField
            id={fieldId("risk", "trading_hours.end")}
            label="End"
            type="time"
            value={endOfDay ? "" : value.end}
            disabled={endOfDay}
            onChange={(e) => set({ end: e.target.value })}
            error={errors["trading_hours.end"]}
          />
          <Checkbox id={fieldId("risk", "trading_hours.end_of_day")} label="Until the end of the day (24:00)" checked={endOfDay} onChange={(on) => set({ end: on ? "24:00" : "23:59" })} />
        </div>
      </div>
      <div className="space-y-1">
        <SelectField id={fieldId("risk", "trading_hours.timezone")} label="Time zone" value={value.timezone} onChange={(e) => set({ timezone: e.target.value })} error={errors["trading_hours.timezone"]}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </SelectField>
        <Button type="button" variant="ghost" className="px-2 text-xs" onClick={() => set({ timezone: Intl.DateTimeFormat().resolvedOptions().timeZone })}>
          Use this browser&apos;s time zone
        </Button>
      </div>
      <fieldset aria-describedby={errors["trading_hours.days"] ? fieldId("risk", "trading_hours.days-error") : undefined}>
        <legend className="mb-1 text-sm font-medium">Days</legend>
        <div className="flex flex-wrap gap-3" id={fieldId("risk", "trading_hours.days")} tabIndex={-1}>
          {WEEK.map(([day, name]) => (
            <label key={day} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-[var(--primary)]"
                checked={value.days.includes(day)}
                onChange={(e) => set({ days: e.target.checked ? [...value.days, day] : value.days.filter((d) => d !== day) })}
              />
              {name}
            </label>
          ))}
        </div>
        {errors["trading_hours.days"] ? (
          <p id={fieldId("risk", "trading_hours.days-error")} className="text-xs text-loss">
            {errors["trading_hours.days"]}
          </p>
        ) : null}
      </fieldset>
    </fieldset>
  );
}
