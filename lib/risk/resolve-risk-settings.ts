import type { RiskSettings } from "./schemas";

/** A per-broker override: any field it sets (null included, meaning "no limit") wins. */
export type RiskSettingsOverride = Partial<RiskSettings>;

/**
 * The settings in force for one broker: the user's defaults with the broker's override laid
 * over field by field. Nested groups (trading_hours, news_lockout) and the denied list are
 * replaced whole, because the trader edits each as one unit; a merged list would leave no
 * way to allow at one broker what is denied by default.
 */
export function resolveRiskSettings(defaults: RiskSettings, override: RiskSettingsOverride | null): RiskSettings {
  if (!override) return defaults;
  const merged: RiskSettings = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof RiskSettings)[]) {
    if (override[key] !== undefined) Object.assign(merged, { [key]: override[key] });
  }
  return merged;
}
