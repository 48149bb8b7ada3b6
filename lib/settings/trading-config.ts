import type { Queryable } from "@/lib/db/types";
import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { PutTradingConfigBody, TradingConfig } from "@/lib/sizing/schemas";
import { writeUserLog } from "@/lib/log/user-log";
import { cachedSetting, forgetUserSettings } from "./settings-cache";
import { DEFAULT_SCOPE } from "./risk-settings";

const COLUMNS = "lot_size_mode, fixed_lot_size, risk_pct, sl_percentage, tp_percentage, risk_reward_ratio, use_trailing_sl, trailing_pct";

/** What a user trades with before saving anything: 1 lot/contract, no automatic SL/TP. */
export const DEFAULT_TRADING_CONFIG: PutTradingConfigBody = {
  lot_size_mode: "fixed",
  fixed_lot_size: 1,
  risk_pct: 1,
  sl_percentage: null,
  tp_percentage: null,
  risk_reward_ratio: null,
  use_trailing_sl: false,
  trailing_pct: null,
};

export type TradingConfigView = TradingConfig & { broker: string; is_override: boolean };

/** The config that applies to a broker: its own row, else the user's default row, else the defaults. */
export async function effectiveTradingConfig(tx: Queryable, userId: string, broker: string): Promise<TradingConfigView> {
  const rows = await tx.query<TradingConfig & { broker: string }>(
    `select broker, ${COLUMNS} from public.trading_config where user_id = $1 and broker in ($2, $3)`,
    [userId, DEFAULT_SCOPE, broker],
  );
  const override = rows.find((r) => r.broker === broker && broker !== DEFAULT_SCOPE);
  const chosen = override ?? rows.find((r) => r.broker === DEFAULT_SCOPE);
  const { broker: _b, ...cfg } = chosen ?? { ...DEFAULT_TRADING_CONFIG, broker: DEFAULT_SCOPE };
  return { ...cfg, broker, is_override: !!override };
}

export function cachedTradingConfig(tx: Queryable, userId: string, broker: string): Promise<TradingConfigView> {
  return cachedSetting(userId, `trading:${broker}`, () => effectiveTradingConfig(tx, userId, broker));
}

export function getTradingConfig(user: SessionUser, broker = DEFAULT_SCOPE): Promise<TradingConfigView> {
  return asUser(user.claims, (tx) => effectiveTradingConfig(tx, user.id, broker));
}

/** PUT /trading-config[?broker=] */
export async function saveTradingConfig(user: SessionUser, broker: string, body: PutTradingConfigBody, correlationId: string): Promise<TradingConfigView> {
  const view = await asUser(user.claims, async (tx) => {
    await tx.query(
      `insert into public.trading_config (user_id, broker, ${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (user_id, broker) do update set
         lot_size_mode = excluded.lot_size_mode, fixed_lot_size = excluded.fixed_lot_size, risk_pct = excluded.risk_pct,
         sl_percentage = excluded.sl_percentage, tp_percentage = excluded.tp_percentage,
         risk_reward_ratio = excluded.risk_reward_ratio, use_trailing_sl = excluded.use_trailing_sl, trailing_pct = excluded.trailing_pct`,
      [user.id, broker, body.lot_size_mode, body.fixed_lot_size, body.risk_pct, body.sl_percentage, body.tp_percentage, body.risk_reward_ratio, body.use_trailing_sl, body.trailing_pct],
    );
    await writeUserLog(tx, { user_id: user.id, level: "info", type: "config", message: `Trading config (${broker}) saved`, data: { broker, ...body }, correlation_id: correlationId });
    return effectiveTradingConfig(tx, user.id, broker);
  });
  await forgetUserSettings(user.id);
  return view;
}
