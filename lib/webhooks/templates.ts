/**
 * Ready-to-paste TradingView alert messages for an account, in both body formats the
 * webhook takes. Pure text builders: the dashboard renders them, the tests feed them (with
 * TradingView's placeholders substituted) through the same normaliser as the webhook.
 */

/** The TradingView strategy placeholders the templates use, by role. */
export const TV = {
  ticker: "{{ticker}}",
  action: "{{strategy.order.action}}",
  contracts: "{{strategy.order.contracts}}",
  marketPosition: "{{strategy.market_position}}",
  close: "{{close}}",
  timenow: "{{timenow}}",
} as const;

/**
 * Stands in for the API key, which the dashboard never knows after account creation. It
 * cannot pass for a key (keys start with uk_live_ / uk_demo_), so a template pasted without
 * replacing it fails with "Unknown API key" instead of reaching the wrong account.
 */
export const API_KEY_PLACEHOLDER = "PASTE_YOUR_API_KEY_HERE";

/** The webhook URL TradingView posts to for a broker, e.g. https://unify.example/api/unify/v1/webhook/paper. */
export function webhookUrl(origin: string, broker: string): string {
  return `${origin.replace(/\/+$/, "")}/api/unify/v1/webhook/${encodeURIComponent(broker)}`;
}

/**
 * The flat TradingView alert. Every value is quoted: TradingView substitutes placeholders as
 * plain text, and the flat format accepts numbers as strings. `sentiment` carries
 * {{strategy.market_position}} — the position AFTER the order — so "flat" closes the
 * position and a strategy's exits never open an opposite trade.
 */
export function flatTemplate(apiKey: string = API_KEY_PLACEHOLDER): string {
  const body = {
    api_key: apiKey,
    ticker: TV.ticker,
    action: TV.action,
    sentiment: TV.marketPosition,
    quantity: TV.contracts,
    price: TV.close,
    ts: TV.timenow,
  };
  return JSON.stringify(body, null, 2);
}

/**
 * The unify.v1 envelope for entries. Numbers must be JSON numbers in the envelope, so the
 * numeric placeholders stand unquoted: the text is valid JSON only after TradingView has
 * substituted them. The envelope has no market position: every alert is an entry, which is
 * why the flat template is the one for strategies that also exit.
 */
export function envelopeTemplate(apiKey: string = API_KEY_PLACEHOLDER): string {
  return [
    "{",
    '  "version": "unify.v1",',
    '  "source": "tradingview",',
    `  "api_key": ${JSON.stringify(apiKey)},`,
    `  "ts": "${TV.timenow}",`,
    '  "intent": {',
    '    "action": "entry",',
    `    "side": "${TV.action}",`,
    `    "symbol": "${TV.ticker}",`,
    `    "qty": ${TV.contracts},`,
    `    "price": ${TV.close}`,
    "  }",
    "}",
  ].join("\n");
}

/** Values TradingView could put in the placeholders, keyed by placeholder text. */
export type PlaceholderValues = Partial<Record<(typeof TV)[keyof typeof TV], string>>;

/** What a strategy alert typically substitutes: a long entry of 1 contract on EURUSD. */
export const SAMPLE_VALUES: Required<PlaceholderValues> = {
  [TV.ticker]: "EURUSD",
  [TV.action]: "buy",
  [TV.contracts]: "1",
  [TV.marketPosition]: "long",
  [TV.close]: "1.0852",
  [TV.timenow]: "2025-10-14T14:30:00Z",
};

/**
 * Does what TradingView does when an alert fires: replaces each known {{placeholder}} with
 * its text. Unknown placeholders stay, so the normaliser can name them.
 */
export function fillPlaceholders(template: string, values: PlaceholderValues = SAMPLE_VALUES): string {
  return template.replace(/\{\{[^{}]*\}\}/g, (p) => (values as Record<string, string | undefined>)[p] ?? p);
}

/**
 * True when a pasted key is the one behind a masked key (`uk_demo_AbCd…WxYz`): same prefix,
 * same first and last four characters. Catches pasting another account's key.
 */
export function matchesMaskedKey(key: string, masked: string | null): boolean {
  if (!masked) return false;
  const m = /^(uk_(?:demo|live)_)(.{4})…(.{4})$/.exec(masked);
  if (!m) return false;
  const [, prefix, head, tail] = m;
  return key.startsWith(prefix + head) && key.endsWith(tail) && key.length > prefix.length + 8;
}

/** Whether a pasted value has the shape of an account API key. */
export function looksLikeKey(value: string): boolean {
  return /^uk_(demo|live)_[0-9A-Za-z]{32,128}$/.test(value);
}
