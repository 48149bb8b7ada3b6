import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { normalizeAlert } from "@/lib/intake/normalize";
import type { Intent } from "@/lib/intake/schemas";
import { apiKeyOf } from "@/lib/intake/authenticate-alert";
import { lookupApiKey } from "@/lib/intake/api-key-cache";
import { checkRisk } from "@/lib/risk/check-risk";
import { sizeOrder, type SizedOrder } from "@/lib/sizing/size-order";
import { BROKER_LIMITS } from "@/lib/sizing/broker-limits";
import { getPlan } from "@/lib/plans/catalog";
import { checkTradeAllowance } from "@/lib/plans/check-trade-allowance";
import { effectiveRiskSettings } from "@/lib/settings/risk-settings";
import { effectiveTradingConfig } from "@/lib/settings/trading-config";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type BrokerId, type Instrument } from "@/brokers/types";
import { loadAccountRef } from "./account-ref";
import { marketContext } from "./market-context";
import { peekDayStats } from "./day-stats";
import { calendarAround } from "./economic-calendar";

export type ValidationReport = {
  ok: boolean;
  intent: Intent;
  account: { id: string; broker: BrokerId; name: string };
  instrument: Pick<Instrument, "symbol" | "brokerSymbol" | "minQty" | "maxQty" | "qtyStep" | "tickSize" | "pipSize" | "valuePerPoint"> | null;
  quote: { bid: number | null; ask: number | null; reference: number | null } | null;
  order: (Omit<SizedOrder, "trailingDistance"> & { side: string; type: string; trailing_distance?: number }) | null;
  blocked_by: { rule: string; reason: string } | null;
  problems: string[];
};

type AccountRow = { id: string; broker: BrokerId; name: string; equity: number; trial_ends_at: Date; plan: string };

/** Which account the dry run is for: the body's key, intent.account_id, else the caller's first enabled account. */
async function pickAccount(user: SessionUser, body: unknown, intent: Intent): Promise<AccountRow> {
  const key = apiKeyOf(new Headers(), body);
  let accountId = intent.account_id;
  if (key) {
    const found = await lookupApiKey(key);
    if (!found || found.user_id !== user.id) throw new AppError("not_found", "That API key is not one of your accounts'.");
    accountId = found.account_id;
  }
  const rows = await asUser(user.claims, (tx) =>
    tx.query<AccountRow>(
      `select a.id, a.broker, a.name, a.equity, p.trial_ends_at, p.plan from public.broker_accounts a join public.profiles p on p.id = a.user_id
       where a.user_id = $1 and ($2::uuid is null or a.id = $2) order by a.enabled desc, a.created_at limit 1`,
      [user.id, accountId ?? null],
    ),
  );
  if (!rows[0]) throw new AppError("not_found", accountId ? "No such broker account." : "Connect a broker account first.");
  return rows[0];
}

/**
 * The playground's dry run: the normalised intent, the order as it would be sized for
 * the account (quantity after constraints, SL/TP prices) and the rule that would block
 * it — without placing or writing anything.
 */
export async function validateAlert(user: SessionUser, body: unknown): Promise<ValidationReport> {
  const normalized = normalizeAlert(body);
  if (!normalized.ok) {
    const first = normalized.errors[0];
    throw new AppError("invalid_request", first ? `${first.path}: ${first.message}` : "The alert is not valid.", { errors: normalized.errors });
  }
  const intent = normalized.envelope.intent;
  const account = await pickAccount(user, body, intent);
  const report: ValidationReport = { ok: true, intent, account: { id: account.id, broker: account.broker, name: account.name }, instrument: null, quote: null, order: null, blocked_by: null, problems: [] };
  if (intent.action === "exit_all" || intent.action === "cancel" || !intent.symbol) return report;

  const adapter = adapterFor(account.broker);
  const ref = await asUser(user.claims, (tx) => loadAccountRef(tx, account.id));
  let market;
  try {
    market = await marketContext(adapter, ref, intent.symbol, intent.price, intent.side);
  } catch (err) {
    if (!(err instanceof BrokerError)) throw err;
    return { ...report, ok: false, problems: [err.message] };
  }
  const i = market.instrument;
  report.instrument = { symbol: i.symbol, brokerSymbol: i.brokerSymbol, minQty: i.minQty, maxQty: i.maxQty, qtyStep: i.qtyStep, tickSize: i.tickSize, pipSize: i.pipSize, valuePerPoint: i.valuePerPoint };
  report.quote = { bid: market.bid, ask: market.ask, reference: market.price };
  if (intent.action === "exit") return report;

  const now = new Date();
  const { settings, config, stats, calendar } = await asUser(user.claims, async (tx) => {
    const settings = await effectiveRiskSettings(tx, user.id, account.broker);
    return {
      settings,
      config: await effectiveTradingConfig(tx, user.id, account.broker),
      stats: await peekDayStats(tx, account.id, account.equity, now, settings.trading_hours),
      calendar: settings.news_lockout.enabled ? await calendarAround(tx, now) : [],
    };
  });
  const plan = checkTradeAllowance(getPlan(account.plan), { tradesUsed: 0, now, trialEndsAt: account.trial_ends_at });
  if (!plan.ok) report.problems.push(plan.reason);
  const risk = checkRisk({ intent: { ...intent, symbol: i.symbol }, settings, stats, now, calendar });
  if (!risk.ok) report.blocked_by = { rule: risk.rule, reason: risk.reason };
  if (market.price === null) {
    report.problems.push(`No current price for ${i.symbol}; include "price" in the alert.`);
  } else {
    const sized = sizeOrder({ intent, config, instrument: i, equity: account.equity, price: market.price, maxLeverage: BROKER_LIMITS[account.broker]?.maxLeverage });
    if (sized.ok) {
      const { trailingDistance, ...rest } = sized.order;
      report.order = { ...rest, side: intent.side!, type: intent.type, ...(trailingDistance !== undefined ? { trailing_distance: trailingDistance } : {}) };
    } else report.problems.push(sized.reason);
  }
  report.ok = !report.blocked_by && report.problems.length === 0;
  return report;
}
