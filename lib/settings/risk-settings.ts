import type { Queryable } from "@/lib/db/types";
import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from "@/lib/risk/schemas";
import { writeUserLog } from "@/lib/log/user-log";
import { cachedSetting, forgetUserSettings } from "./settings-cache";

export const DEFAULT_SCOPE = "default";

const COLUMNS =
  "enabled, max_daily_loss_usd, max_daily_loss_pct, max_trades_per_day, max_open_trades, max_concurrent_positions, denied_instruments, trading_hours, news_lockout";

export type RiskSettingsView = RiskSettings & { broker: string; is_override: boolean };

/** The settings that apply to a broker: its override when there is one, else the user's defaults. */
export async function effectiveRiskSettings(tx: Queryable, userId: string, broker: string): Promise<RiskSettingsView> {
  const rows = await tx.query<RiskSettings & { broker: string }>(
    `select broker, ${COLUMNS} from public.risk_settings where user_id = $1 and broker in ($2, $3)`,
    [userId, DEFAULT_SCOPE, broker],
  );
  const override = rows.find((r) => r.broker === broker && broker !== DEFAULT_SCOPE);
  const chosen = override ?? rows.find((r) => r.broker === DEFAULT_SCOPE);
  const { broker: _b, ...settings } = chosen ?? { ...DEFAULT_RISK_SETTINGS, broker: DEFAULT_SCOPE };
  return { ...settings, broker, is_override: !!override };
}

/** Cached effective settings for the hot path (same transaction semantics are not needed: a save invalidates). */
export function cachedRiskSettings(tx: Queryable, userId: string, broker: string): Promise<RiskSettingsView> {
  return cachedSetting(userId, `risk:${broker}`, () => effectiveRiskSettings(tx, userId, broker));
}

/** GET /risk[?broker=] */
export function getRiskSettings(user: SessionUser, broker = DEFAULT_SCOPE): Promise<RiskSettingsView> {
  return asUser(user.claims, (tx) => effectiveRiskSettings(tx, user.id, broker));
}

/** PUT /risk[?broker=]: saves the user's defaults, or a whole override for one broker. */
export async function saveRiskSettings(user: SessionUser, broker: string, body: RiskSettings, correlationId: string): Promise<RiskSettingsView> {
  const view = await asUser(user.claims, async (tx) => {
    await tx.query(
      `insert into public.risk_settings (user_id, broker, ${COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (user_id, broker) do update set
         enabled = excluded.enabled, max_daily_loss_usd = excluded.max_daily_loss_usd, max_daily_loss_pct = excluded.max_daily_loss_pct,
         max_trades_per_day = excluded.max_trades_per_day, max_open_trades = excluded.max_open_trades,
         max_concurrent_positions = excluded.max_concurrent_positions, denied_instruments = excluded.denied_instruments,
         trading_hours = excluded.trading_hours, news_lockout = excluded.news_lockout`,
      [
        user.id,
        broker,
        body.enabled,
        body.max_daily_loss_usd,
        body.max_daily_loss_pct,
        body.max_trades_per_day,
        body.max_open_trades,
        body.max_concurrent_positions,
        body.denied_instruments,
        JSON.stringify(body.trading_hours),
        JSON.stringify(body.news_lockout),
      ],
    );
    await writeUserLog(tx, {
      user_id: user.id,
      level: "info",
      type: "risk",
      message: broker === DEFAULT_SCOPE ? "Risk settings saved" : `Risk override for ${broker} saved`,
      data: { broker, ...body },
      correlation_id: correlationId,
    });
    return effectiveRiskSettings(tx, user.id, broker);
  });
  await forgetUserSettings(user.id);
  return view;
}

/** DELETE /risk?broker=: removes a broker override so the defaults apply again. */
export async function deleteRiskOverride(user: SessionUser, broker: string): Promise<void> {
  await asUser(user.claims, (tx) => tx.query("delete from public.risk_settings where user_id = $1 and broker = $2", [user.id, broker]));
  await forgetUserSettings(user.id);
}
