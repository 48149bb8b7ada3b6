"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { QTY_MODES } from "@/lib/intake/schemas";
import type { TradingConfigView } from "@/lib/settings/trading-config";
import { Checkbox, fieldId } from "./controls";
import { parseConfigForm, toConfigForm, type ConfigForm } from "./form-values";
import { useSettingsForm } from "./use-settings-form";

const MODE_TEXT: Record<ConfigForm["lot_size_mode"], { label: string; amount: "fixed_lot_size" | "risk_pct"; unit: string }> = {
  fixed: { label: "Fixed size", amount: "fixed_lot_size", unit: "lots or contracts per trade" },
  risk_pct: { label: "Risk % of equity", amount: "risk_pct", unit: "% of equity lost at the stop (needs a stop loss)" },
  risk_usd: { label: "Risk amount (USD)", amount: "fixed_lot_size", unit: "USD lost at the stop (needs a stop loss)" },
  cash: { label: "Cash (notional, USD)", amount: "fixed_lot_size", unit: "USD of notional per trade" },
  pct_equity: { label: "% of equity (notional)", amount: "risk_pct", unit: "% of equity as notional" },
};

type Props = { scope: string; scopeLabel: string; initial: TradingConfigView; onSaved: (v: TradingConfigView) => void };

/** What sizing fills in when an alert leaves it out, checked with putTradingConfigBody before saving. */
export function TradingConfigForm({ scope, scopeLabel, initial, onSaved }: Props) {
  const { form, update: replace, errors, busy, status, submit } = useSettingsForm({
    prefix: "config",
    initial,
    toForm: toConfigForm,
    parse: parseConfigForm,
    path: "/trading-config",
    scope,
    savedText: `Trading config saved for ${scopeLabel}.`,
    onSaved,
    // The amount field of the other sizing modes is not on screen; say what is wrong with it.
    invalidNote: (errors, invalid) => {
      const hidden = MODE_TEXT[invalid.lot_size_mode].amount === "fixed_lot_size" ? "risk_pct" : "fixed_lot_size";
      return errors[hidden] ? ` (${hidden} ${errors[hidden]}: switch the sizing mode to edit it)` : "";
    },
  });
  const mode = MODE_TEXT[form.lot_size_mode];
  const update = (patch: Partial<ConfigForm>) => replace({ ...form, ...patch });

  const number = (key: "fixed_lot_size" | "risk_pct" | "sl_percentage" | "tp_percentage" | "risk_reward_ratio" | "trailing_pct", label: string, hint: string, optional = true) => (
    <TextField
      id={fieldId("config", key)}
      label={label}
      hint={hint}
      inputMode="decimal"
      placeholder={optional ? "Not set" : undefined}
      value={form[key]}
      onChange={(e) => update({ [key]: e.target.value })}
      error={errors[key]}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Trading config">
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Position size</legend>
        <p className="text-xs text-muted">Used when an alert has no quantity of its own.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField id={fieldId("config", "lot_size_mode")} label="Sizing mode" value={form.lot_size_mode} onChange={(e) => update({ lot_size_mode: e.target.value as ConfigForm["lot_size_mode"] })}>
            {QTY_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_TEXT[m].label}
              </option>
            ))}
          </SelectField>
          {mode.amount === "fixed_lot_size"
            ? number("fixed_lot_size", form.lot_size_mode === "fixed" ? "Size" : "Amount (USD)", mode.unit, false)
            : number("risk_pct", "Percent", mode.unit, false)}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Stop loss and take profit</legend>
        <p className="text-xs text-muted">Used when an alert has no stop or target of its own. Leave empty for none.</p>
        <div className="grid gap-3 sm:grid-cols-3">
          {number("sl_percentage", "Stop loss (% from entry)", "Up to 99.")}
          {number("tp_percentage", "Take profit (% from entry)", "Up to 1000.")}
          {number("risk_reward_ratio", "Reward : risk", "Target at this multiple of the stop distance, when no take profit % is set.")}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Trailing stop</legend>
        <Checkbox id={fieldId("config", "use_trailing_sl")} label="Use a trailing stop" hint="Where the broker offers one." checked={form.use_trailing_sl} onChange={(use_trailing_sl) => update({ use_trailing_sl })} />
        <div className="max-w-xs">{number("trailing_pct", "Trailing distance (% of price)", "Required when the trailing stop is on.")}</div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save trading config"}
        </Button>
        <p role="status" className={`text-sm ${status?.error ? "text-loss" : "text-profit"}`} data-testid="config-status">
          {status?.text}
        </p>
      </div>
    </form>
  );
}
