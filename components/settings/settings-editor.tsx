"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { RiskSettingsView } from "@/lib/settings/risk-settings";
import type { TradingConfigView } from "@/lib/settings/trading-config";
import type { BrokerScope } from "./broker-labels";
import { SelectField } from "@/components/ui/field";
import { RiskForm } from "./risk-form";
import { TradingConfigForm } from "./trading-config-form";

type ScopeData = { risk: RiskSettingsView; config: TradingConfigView };
type Props = { initial: ScopeData; brokers: BrokerScope[]; timezones: string[] };

/** Risk settings and trading config, for the defaults or one broker's override. */
export function SettingsEditor({ initial, brokers, timezones }: Props) {
  const [scope, setScope] = useState("default");
  const [data, setData] = useState<Record<string, ScopeData>>({ default: initial });
  const [loading, setLoading] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // Bumped when a scope is reloaded from the server, so its forms start from the new values.
  const [version, setVersion] = useState(0);
  const current = data[scope];
  const label = scope === "default" ? "all brokers (defaults)" : (brokers.find((b) => b.id === scope)?.label ?? scope);

  async function load(next: string) {
    const query = next === "default" ? "" : `?broker=${next}`;
    const [risk, config] = await Promise.all([api<RiskSettingsView>(`/risk${query}`), api<TradingConfigView>(`/trading-config${query}`)]);
    setData((d) => ({ ...d, [next]: { risk, config } }));
    setVersion((v) => v + 1);
  }

  async function choose(next: string) {
    setScope(next);
    setMessage(null);
    if (data[next]) return;
    setLoading(true);
    try {
      await load(next);
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : "Could not load the settings; check your connection.", error: true });
    } finally {
      setLoading(false);
    }
  }

  async function removeOverride() {
    if (!window.confirm(`Remove the risk override for ${label}? Its alerts will follow your default risk settings again.`)) return;
    try {
      await api(`/risk?broker=${scope}`, { method: "DELETE" });
      await load(scope);
      setMessage({ text: `Override removed: ${label} follows the default risk settings.`, error: false });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : "Could not remove the override.", error: true });
    }
  }

  const overrideText = (isOverride: boolean, what: string) =>
    scope === "default"
      ? `Your defaults: the ${what} for every broker without an override.`
      : isOverride
        ? `${label} has its own ${what} (an override).`
        : `${label} follows the default ${what}; saving here creates an override for it.`;

  return (
    <div className="space-y-4">
      <div className="max-w-md">
        <SelectField id="settings-scope" label="Settings for" value={scope} onChange={(e) => choose(e.target.value)} hint="Defaults apply to every broker; a broker override replaces them for that broker only.">
          <option value="default">All brokers (defaults)</option>
          {brokers.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
              {(data[b.id] ? data[b.id].risk.is_override || data[b.id].config.is_override : b.hasOverride) ? " — override" : ""}
              {b.connected ? "" : " (not connected)"}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className={`text-sm ${message?.error ? "text-loss" : "text-profit"}`}>
        {message?.text}
      </p>
      {loading || !current ? (
        <p className="text-sm text-muted" aria-busy="true">
          {loading ? `Loading the settings for ${label}…` : null}
        </p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <Card
            title="Risk settings"
            actions={
              scope !== "default" && current.risk.is_override ? (
                <Button variant="secondary" onClick={removeOverride}>
                  Remove override
                </Button>
              ) : null
            }
          >
            <p className="mb-4 text-sm text-muted" data-testid="risk-scope-status">
              {overrideText(current.risk.is_override, "risk settings")}
            </p>
            <RiskForm
              key={`risk-${scope}-${version}`}
              scope={scope}
              scopeLabel={label}
              initial={current.risk}
              timezones={timezones}
              onSaved={(risk) => setData((d) => ({ ...d, [scope]: { ...d[scope], risk } }))}
            />
          </Card>
          <Card title="Trading config">
            <p className="mb-4 text-sm text-muted">{overrideText(current.config.is_override, "trading config")}</p>
            <TradingConfigForm
              key={`config-${scope}-${version}`}
              scope={scope}
              scopeLabel={label}
              initial={current.config}
              onSaved={(config) => setData((d) => ({ ...d, [scope]: { ...d[scope], config } }))}
            />
          </Card>
        </div>
      )}
    </div>
  );
}
