"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { RiskSettingsView } from "@/lib/settings/risk-settings";
import { Checkbox, fieldId } from "./controls";
import { DeniedInstrumentsEditor } from "./denied-instruments-editor";
import { parseRiskForm, toRiskForm } from "./form-values";
import { NewsLockoutFields } from "./news-lockout-fields";
import { TradingHoursFields } from "./trading-hours-fields";
import { useSettingsForm } from "./use-settings-form";

type LimitKey = "max_daily_loss_usd" | "max_daily_loss_pct" | "max_trades_per_day" | "max_open_trades" | "max_concurrent_positions";

const LIMITS: { key: LimitKey; label: string; hint: string; decimal: boolean }[] = [
  { key: "max_daily_loss_usd", label: "Max daily loss (USD)", hint: "Realised loss since the start of the trading day.", decimal: true },
  { key: "max_daily_loss_pct", label: "Max daily loss (% of equity)", hint: "Of the day's starting equity, up to 100.", decimal: true },
  { key: "max_trades_per_day", label: "Max trades per day", hint: "Entries per trading day (in the trading hours' time zone).", decimal: false },
  { key: "max_open_trades", label: "Max open trades", hint: "Open positions plus pending entries.", decimal: false },
  { key: "max_concurrent_positions", label: "Max concurrent positions", hint: "Symbols held at the same time.", decimal: false },
];

type Props = { scope: string; scopeLabel: string; initial: RiskSettingsView; timezones: string[]; onSaved: (v: RiskSettingsView) => void };

/** Risk rules for one scope (defaults or a broker override), checked with putRiskBody before saving. */
export function RiskForm({ scope, scopeLabel, initial, timezones, onSaved }: Props) {
  const { form, update, errors, busy, status, submit } = useSettingsForm({
    prefix: "risk",
    initial,
    toForm: toRiskForm,
    parse: parseRiskForm,
    path: "/risk",
    scope,
    savedText: `Risk settings saved for ${scopeLabel}.`,
    onSaved,
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Risk settings">
      <Checkbox
        id={fieldId("risk", "enabled")}
        label="Risk checks on"
        hint="The master switch. When off, no rule on this page blocks an alert."
        checked={form.enabled}
        onChange={(enabled) => update({ ...form, enabled })}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Limits</legend>
        <p className="text-xs text-muted">Leave a limit empty for no limit.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          {LIMITS.map((l) => (
            <TextField
              key={l.key}
              id={fieldId("risk", l.key)}
              label={l.label}
              hint={l.hint}
              inputMode={l.decimal ? "decimal" : "numeric"}
              placeholder="No limit"
              value={form[l.key]}
              onChange={(e) => update({ ...form, [l.key]: e.target.value })}
              error={errors[l.key]}
            />
          ))}
        </div>
      </fieldset>
      <DeniedInstrumentsEditor value={form.denied_instruments} onChange={(denied_instruments) => update({ ...form, denied_instruments })} errors={errors} />
      <TradingHoursFields value={form.trading_hours} onChange={(trading_hours) => update({ ...form, trading_hours })} errors={errors} timezones={timezones} />
      <NewsLockoutFields value={form.news_lockout} onChange={(news_lockout) => update({ ...form, news_lockout })} errors={errors} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save risk settings"}
        </Button>
        <p role="status" className={`text-sm ${status?.error ? "text-loss" : "text-profit"}`} data-testid="risk-status">
          {status?.text}
        </p>
      </div>
    </form>
  );
}
