/**
 * POST /order and the playground also take a bare intent (`{side, symbol, qty…}`): wrap
 * it in a unify.v1 envelope. A flat TradingView alert has no `side` (it says `action`),
 * and an envelope has `version`, so `side` without `version` marks a bare intent; an
 * exit without a side reads the same either way.
 */
export function wrapBareIntent(body: unknown, source: string): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body) || "version" in body || !("side" in body)) return body;
  const { api_key, ...intent } = body as Record<string, unknown>;
  return { version: "unify.v1", source, ...(api_key ? { api_key } : {}), intent };
}
