import { z } from "zod";
import { QTY_MODES } from "@/lib/intake/schemas";

// Percentages and ratios are stored to 3 decimals (numeric(6, 3) / (8, 3)), lot sizes to 6: a
// positive value below that precision would be saved as 0, and one above 999.999 would not fit.
const pct = (max: number) =>
  z
    .number({ message: "must be a number" })
    .positive({ message: "must be greater than 0" })
    .min(0.001, { message: "must be at least 0.001" })
    .max(max, { message: `must be at most ${max}` });

/**
 * Body of PUT /trading-config (the broker comes from `?broker=`, as for /risk). The same
 * schema feeds the OpenAPI document and the dashboard form. `fixed_lot_size` and `risk_pct`
 * are required because their columns are NOT NULL with defaults.
 *
 * Which field holds the amount for `lot_size_mode`: fixed → fixed_lot_size (lots or
 * contracts); risk_usd and cash → fixed_lot_size (account currency); risk_pct and
 * pct_equity → risk_pct (percent of equity).
 */
export const putTradingConfigBody = z
  .strictObject({
    lot_size_mode: z.enum(QTY_MODES),
    fixed_lot_size: z
      .number({ message: "must be a number" })
      .positive({ message: "must be greater than 0" })
      .min(0.000001, { message: "must be at least 0.000001" })
      .max(1_000_000),
    risk_pct: pct(100),
    sl_percentage: pct(99).nullable(),
    tp_percentage: pct(999).nullable(),
    risk_reward_ratio: pct(100).nullable(),
    use_trailing_sl: z.boolean(),
    trailing_pct: pct(99).nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.use_trailing_sl && v.trailing_pct === null) {
      ctx.addIssue({ code: "custom", path: ["trailing_pct"], message: "is required when use_trailing_sl is on" });
    }
  });
export type PutTradingConfigBody = z.infer<typeof putTradingConfigBody>;

/**
 * The per-user, per-broker trading config as sizing reads it. Looser than the PUT body on
 * purpose (every field may be null), so a partial or legacy row still sizes: a null simply
 * means the config does not fill that part of the order.
 */
export type TradingConfig = {
  [K in keyof PutTradingConfigBody]: PutTradingConfigBody[K] | null;
};
