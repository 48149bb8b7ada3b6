/** Page sizes of the activity lists (server first paint and "Load more" alike). */
export const LOGS_PAGE = 50;
export const EVENTS_PAGE = 25;

/** The filter choices the API accepts (log types are free text in the API; these are the ones Unify writes). */
export const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;
export const LOG_TYPES = ["order", "risk", "account", "webhook", "emergency_stop", "config", "auth", "billing", "system"] as const;
export const WEBHOOK_OUTCOMES = ["accepted", "rejected", "replayed"] as const;

type LogLevel = (typeof LOG_LEVELS)[number];
type Outcome = (typeof WEBHOOK_OUTCOMES)[number];
/** Empty string = no filter. */
export type ActivityFilters = { level: LogLevel | ""; type: string; outcome: Outcome | ""; correlationId: string | null };

const pick = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");
const oneOf = <T extends string>(v: string, allowed: readonly T[]): T | "" => ((allowed as readonly string[]).includes(v) ? (v as T) : "");

/** The activity page's filters from its URL; unknown values are dropped rather than sent to the API. */
export function readActivityFilters(params: Record<string, string | string[] | undefined>): ActivityFilters {
  const correlation = pick(params.correlation_id).slice(0, 100);
  return {
    level: oneOf(pick(params.level), LOG_LEVELS),
    type: oneOf(pick(params.type), LOG_TYPES),
    outcome: oneOf(pick(params.outcome), WEBHOOK_OUTCOMES),
    correlationId: correlation || null,
  };
}
