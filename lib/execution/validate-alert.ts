import { asUser } from "@/lib/db/as-user";
import type { Queryable } from "@/lib/db/types";
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
import { usagePeriod } from "@/lib/plans/usage-period";
import { effectiveRiskSettings } from "@/lib/settings/risk-settings";
import { effectiveTradingConfig } from "@/lib/settings/trading-config";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type BrokerId, type Instrument } from "@/brokers/types";
import { loadAccountRef } from "./account-ref";
import { marketContext, type MarketContext } from "./market-context";
import { peekDayStats } from "./day-stats";
import { calendarAround } from "./economic-calendar";
import { accountDisabled, opensExposure } from "./admit-order";
import { asRiskIntent, paperMarginShortfall, planExitOf, restingReverseRefusal, reverseCloses, withClosingQty } from "./order-plan";
import { revivePosition, type PositionRow } from "./rows";

export type ValidationReport = {
  ok: boolean;
  intent: Intent;
  account: { id: string; broker: BrokerId; name: string };
  instrument: Pick<Instrument, "symbol" | "brokerSymbol" | "minQty" | "maxQty" | "qtyStep" | "tickSize" | "pipSize" | "valuePerPoint"> | null;
  quote: { bid: number | null; ask: number | null; reference: number | null } | null;
  /**
   * The order as it would be sent: `action` is what goes out — a reverse whose opening part
   * a rule blocks still goes out as the exit of its position; a reverse's qty includes the
   * position it closes.
   */
  order: (Omit<SizedOrder, "trailingDistance"> & { action: "entry" | "reverse" | "exit"; side: string; type: string; trailing_distance?: number }) | null;
  blocked_by: { rule: string; reason: string } | null;
  problems: string[];
};

type AccountRow = { id: string; broker: BrokerId; name: string; enabled: boolean; equity: number; margin: number; trial_ends_at: Date; plan: string };

/** Which account the dry run is for: the body's key, intent.account_id, else the caller's first enabled account. */
async function pickAccount(user: SessionUser, body: unknown, intent: Intent): Promise<{ account: AccountRow; keyMismatch: boolean }> {
  const key = apiKeyOf(new Headers(), body);
  let accountId = intent.account_id;
  let keyMismatch = false;
  if (key) {
    const found = await lookupApiKey(key);
    if (!found || found.user_id !== user.id) throw new AppError("not_found", "That API key is not one of your accounts'.");
    // The webhook refuses an intent.account_id other than the key's (403): so does the dry run.
    keyMismatch = !!intent.account_id && intent.account_id !== found.account_id;
    accountId = found.account_id;
  }
  const rows = await asUser(user.claims, (tx) =>
    tx.query<AccountRow>(
      `select a.id, a.broker, a.name, a.enabled, a.equity, a.margin, p.trial_ends_at, p.plan from public.broker_accounts a join public.profiles p on p.id = a.user_id
       where a.user_id = $1 and ($2::uuid is null or a.id = $2) order by a.enabled desc, a.created_at limit 1`,
      [user.id, accountId ?? null],
    ),
  );
  if (!rows[0]) throw new AppError("not_found", accountId ? "No such broker account." : "Connect a broker account first.");
  return { account: rows[0], keyMismatch };
}

/** What admitOrder's snapshot reads about the symbol, without claiming or writing anything. */
async function peekPosition(tx: Queryable, accountId: string, symbol: string): Promise<{ position: PositionRow | null; exitPending: boolean }> {
  const [row] = await tx.query<{ position: PositionRow | null; exit_pending: boolean }>(
    `select (select row_to_json(p) from public.positions p where p.account_id = $1 and p.symbol = $2 and p.status = 'open') as position,
       exists (select 1 from public.orders o where o.account_id = $1 and o.symbol = $2 and o.action = 'exit' and o.status = 'pending') as exit_pending`,
    [accountId, symbol],
  );
  return { position: row?.position ? revivePosition(row.position) : null, exitPending: row?.exit_pending ?? false };
}

/** The exit admitOrder would send (planExitOf), as the report shows it; a string is its refusal. */
function exitOrder(market: MarketContext, open: PositionRow | null, exitPending: boolean, wanted: number | undefined): NonNullable<ValidationReport["order"]> | string {
  const i = market.instrument;
  const exit = planExitOf(i, open, exitPending, wanted);
  if ("error" in exit) return exit.error.detail;
  const price = market.price ?? open!.entry_price;
  return { action: "exit", side: exit.side, type: "market", qty: exit.qty, entryPrice: price, notional: exit.qty * price * i.valuePerPoint, adjustments: [] };
}

/**
 * The playground's dry run: the normalised intent, the order as it would be sized for
 * the account (quantity after constraints, SL/TP prices) and the rule that would block
 * it — without placing or writing anything. Mirrors handleAlert → admitOrder step by step
 * (same pure functions), so `ok` is what the real alert would get right now.
 */
export async function validateAlert(user: SessionUser, body: unknown): Promise<ValidationReport> {
  const normalized = normalizeAlert(body);
  if (!normalized.ok) {
    const first = normalized.errors[0];
    throw new AppError("invalid_request", first ? `${first.path}: ${first.message}` : "The alert is not valid.", { errors: normalized.errors });
  }
  const intent = normalized.envelope.intent;
  const { account, keyMismatch } = await pickAccount(user, body, intent);
  const report: ValidationReport = { ok: true, intent, account: { id: account.id, broker: account.broker, name: account.name }, instrument: null, quote: null, order: null, blocked_by: null, problems: [] };
  const refused = (reason: string): ValidationReport => ({ ...report, ok: false, problems: [...report.problems, reason] });
  if (keyMismatch) return refused("intent.account_id names another account than the API key's; use that account's own key.");
  // A disabled account opens nothing; exits, exit_all and cancels still run.
  if (!account.enabled && opensExposure(intent.action)) return refused(accountDisabled().detail);
  if (intent.action === "exit_all" || intent.action === "cancel" || !intent.symbol) return report;

  const adapter = adapterFor(account.broker);
  const ref = await asUser(user.claims, (tx) => loadAccountRef(tx, account.id));
  let market: MarketContext;
  try {
    market = await marketContext(adapter, ref, intent.symbol, intent.price, intent.side);
  } catch (err) {
    if (!(err instanceof BrokerError)) throw err;
    return refused(err.message);
  }
  const i = market.instrument;
  report.instrument = { symbol: i.symbol, brokerSymbol: i.brokerSymbol, minQty: i.minQty, maxQty: i.maxQty, qtyStep: i.qtyStep, tickSize: i.tickSize, pipSize: i.pipSize, valuePerPoint: i.valuePerPoint };
  report.quote = { bid: market.bid, ask: market.ask, reference: market.price };

  const now = new Date();
  const plan = getPlan(account.plan);
  const { settings, config, stats, calendar, open, exitPending, tradesUsed } = await asUser(user.claims, async (tx) => {
    const settings = await effectiveRiskSettings(tx, user.id, account.broker);
    const { position, exitPending } = await peekPosition(tx, account.id, i.symbol);
    const usage = plan.tradesPerPeriod === null ? [] : await tx.query<{ trades: number }>("select trades from public.plan_usage where user_id = $1 and period = $2", [user.id, usagePeriod(plan, now)]);
    return {
      settings,
      config: await effectiveTradingConfig(tx, user.id, account.broker),
      stats: await peekDayStats(tx, account.id, account.equity, now, settings.trading_hours),
      calendar: settings.enabled && settings.news_lockout.enabled ? await calendarAround(tx, now) : [],
      open: position,
      exitPending,
      tradesUsed: usage[0]?.trades ?? 0,
    };
  });

  if (intent.action === "exit") {
    const exit = exitOrder(market, open, exitPending, intent.qty);
    if (typeof exit === "string") return refused(exit);
    return { ...report, order: exit };
  }

  // An ended trial refuses before anything else (admitOrder's planEntry), a reverse's exit too.
  const trial = checkTradeAllowance(plan, { tradesUsed: 0, now, trialEndsAt: account.trial_ends_at });
  if (!trial.ok) report.problems.push(trial.reason);

  // A reverse closes what is open on the other side; in the side already held it closes
  // nothing, and the rules see it as the entry it is (as admitOrder does).
  const closing = reverseCloses(intent, open);
  const risk = checkRisk({ intent: asRiskIntent(intent, closing, i.symbol), settings, stats, now, calendar });
  if (!risk.ok) {
    report.blocked_by = { rule: risk.rule, reason: risk.reason };
    if (closing) {
      // Only the opening part is blocked: the position is still closed, at market (an exit
      // counts no trade against the plan).
      const exit = exitOrder(market, open, exitPending, closing.qty);
      if (trial.ok && typeof exit !== "string") report.order = { ...exit, adjustments: [`Reverse: the ${i.symbol} position is closed; opening the other side is blocked (${risk.rule}).`] };
      report.ok = false;
      return report;
    }
  }
  // The trades used this period, as claim_plan_trade counts them when the order is sent.
  const allowance = checkTradeAllowance(plan, { tradesUsed, now, trialEndsAt: account.trial_ends_at });
  if (trial.ok && !allowance.ok) report.problems.push(allowance.reason);
  if (market.price === null) {
    report.problems.push(`No current price for ${i.symbol}; include "price" in the alert.`);
  } else {
    const sized = sizeOrder({ intent, config, instrument: i, equity: account.equity, price: market.price, maxLeverage: BROKER_LIMITS[account.broker]?.maxLeverage });
    const resting = restingReverseRefusal(intent, closing, i.symbol);
    if (!sized.ok) report.problems.push(sized.reason);
    else if (resting) report.problems.push(resting.detail);
    else {
      const { trailingDistance, ...rest } = sized.order;
      const qty = withClosingQty(rest.qty, closing);
      const adjustments = closing ? [...rest.adjustments, `Reverse: ${closing.qty} closes the open ${closing.side} position, ${rest.qty} opens the new one.`] : rest.adjustments;
      report.order = { ...rest, qty, adjustments, action: intent.action as "entry" | "reverse", side: intent.side!, type: intent.type, ...(trailingDistance !== undefined ? { trailing_distance: trailingDistance } : {}) };
      if (adapter.inProcess && !report.blocked_by) {
        // The paper broker refuses what free margin cannot carry.
        const price = (intent.type === "market" ? null : rest.entryPrice) ?? market.price;
        const short = paperMarginShortfall(account, { symbol: i.symbol, side: intent.side!, qty, price, valuePerPoint: i.valuePerPoint }, open);
        if (short) report.problems.push(short);
      }
    }
  }
  report.ok = !report.blocked_by && report.problems.length === 0;
  return report;
}
