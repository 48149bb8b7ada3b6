/**
 * How senders other than TradingView sign a webhook: HMAC-SHA256 of `t + "." + rawBody`
 * with the account's webhook secret, sent as `X-Webhook-Signature: t=<unix>,v1=<hex>`.
 * TradingView cannot add headers, so signing is for bots and scripts.
 */

/** The header's shape, for display. */
export const SIGNATURE_HEADER_FORMAT = "X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhook_secret, t + \".\" + raw_body)>";

/** A copy-paste shell example (openssl + curl) that signs and sends one alert to `url`. */
export function signedCurlExample(url: string): string {
  return [
    `BODY='{"version":"unify.v1","api_key":"PASTE_YOUR_API_KEY_HERE","intent":{"side":"buy","symbol":"EURUSD","qty":1}}'`,
    "T=$(date +%s)",
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -hex | sed 's/^.* //')`,
    `curl -sS -X POST '${url}' \\`,
    "  -H 'Content-Type: application/json' \\",
    '  -H "X-Webhook-Signature: t=$T,v1=$SIG" \\',
    '  --data "$BODY"',
  ].join("\n");
}
