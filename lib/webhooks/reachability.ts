/**
 * Whether TradingView can deliver to a webhook URL, and the public origin the dashboard
 * should print. TradingView posts only to ports 80 and 443, from the public internet.
 */

/** Where the dashboard was reached, as the proxy (or the browser) told us. */
export type OriginHints = {
  /** UNIFY_PUBLIC_URL when the operator set it explicitly. */
  configured?: string;
  forwardedProto?: string | null;
  forwardedHost?: string | null;
  host?: string | null;
};

/**
 * The origin for webhook URLs: the configured public URL when there is one (the address
 * TradingView must use), else the address this page was requested on.
 */
export function publicOrigin(hints: OriginHints): string {
  if (hints.configured) return new URL(hints.configured).origin;
  const host = first(hints.forwardedHost) ?? first(hints.host) ?? "localhost:3000";
  const proto = first(hints.forwardedProto) ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

function first(header: string | null | undefined): string | undefined {
  const v = header?.split(",")[0]?.trim();
  return v ? v : undefined;
}

const PRIVATE_HOST = [/^localhost$/i, /\.local$/i, /\.internal$/i, /^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\.0\.0\.0$/, /^\[?::1\]?$/];

/**
 * The reasons TradingView could not use this URL, as sentences for the trader; empty when
 * nothing is wrong that we can see from here.
 */
export function tradingViewProblems(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return ["The webhook URL is not a valid URL."];
  }
  const problems: string[] = [];
  const host = u.hostname;
  if (PRIVATE_HOST.some((re) => re.test(host))) {
    problems.push(`TradingView cannot reach ${host}: it is a local or private address. Run Unify on a public address (and set UNIFY_PUBLIC_URL) before pasting this URL into TradingView.`);
  }
  if (u.port && u.port !== "80" && u.port !== "443") {
    problems.push(`TradingView only sends webhooks to ports 80 and 443; this URL uses port ${u.port}. Put Unify behind a proxy on 443.`);
  }
  if (u.protocol === "http:") {
    problems.push("This URL is plain http: the API key in the alert body would travel unencrypted. Use https.");
  }
  return problems;
}
