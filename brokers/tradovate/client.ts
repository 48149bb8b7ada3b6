import { BrokerError, type AccountRef } from "@/brokers/types";
import type { BrokerContext } from "@/brokers/shared/broker-context";
import { tradovateBaseUrl } from "@/brokers/shared/base-urls";
import type { HttpMethod, HttpResponse } from "@/brokers/shared/http-client";
import { asArray, asRecord, bool, num, str, type JsonRecord } from "@/brokers/shared/json";
import { BrokerRateLimiter, parseRateSpec } from "@/brokers/shared/rate-limiter";
import { scrubSecrets } from "@/brokers/shared/redact";
import { withSession } from "@/brokers/shared/session-call";
import { credentialKey, TokenCache, type CachedToken } from "@/brokers/shared/token-cache";
import { readTradovateCredentials, type TradovateCredentials } from "./credentials";
import { sendWithPenalties } from "./penalty";

export const TRADOVATE = "Tradovate";

/** Penalties and limits are counted per source /24 subnet: one scope for the whole deployment. */
export const DEPLOYMENT_SCOPE = "deployment";

/** One account from GET /account/list. */
export type TvAccount = { id: number; name: string };

export type TvCaller = { creds: TradovateCredentials; raw: Record<string, string>; baseUrl: string; key: string; ref: Pick<AccountRef, "mode" | "externalAccountId"> };

export type TvRequest = { method: HttpMethod; path: string; query?: Record<string, string | number | undefined>; body?: JsonRecord; idempotent: boolean };

// Tokens live ~90 minutes (docs; the brief says ~80): when expirationTime is missing assume
// 80. Renewed 15 minutes early, as the docs advise.
const FALLBACK_LIFETIME_MS = 80 * 60_000;
const RENEW_BEFORE_MS = 15 * 60_000;
const ACCOUNTS_TTL_MS = 5 * 60_000;

function envMs(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * Session, penalty-ticket and limiter handling for the Tradovate REST API. All users of a
 * deployment share one limiter and one penalty state (Tradovate counts per /24 subnet);
 * authentication has its own smaller budget (10/min).
 */
export class TradovateClient {
  private readonly tokens: TokenCache<CachedToken>;
  private readonly authLimiter: BrokerRateLimiter;
  private readonly accountsCache = new Map<string, { at: number; list: TvAccount[] }>();

  constructor(private readonly ctx: BrokerContext) {
    this.tokens = new TokenCache<CachedToken>(RENEW_BEFORE_MS, ctx.clock);
    this.authLimiter = new BrokerRateLimiter({
      brokerName: TRADOVATE,
      keyPrefix: "broker_tradovate_auth",
      spec: parseRateSpec(process.env.TRADOVATE_AUTH_RATE_LIMIT, { points: 10, seconds: 60 }),
      factory: ctx.limiterFactory,
      penalties: ctx.penalties,
      clock: ctx.clock,
    });
  }

  /** Resolves who is calling from credentials and the account mode. */
  caller(credentials: Record<string, string> | null, ref: Pick<AccountRef, "mode" | "externalAccountId">): TvCaller {
    const creds = readTradovateCredentials(credentials);
    const baseUrl = tradovateBaseUrl(ref.mode);
    const raw = credentials ?? {};
    return { creds, raw, baseUrl, key: credentialKey("tradovate", baseUrl, raw), ref };
  }

  /** One HTTP exchange with penalty tickets honoured (the ticket goes in the body, or the query of a GET). */
  private async exchange(c: TvCaller, req: TvRequest, headers: Record<string, string>): Promise<HttpResponse> {
    return sendWithPenalties(
      (ticket) => {
        const withTicket = ticket !== undefined;
        return this.ctx.http.request(c.baseUrl, {
          method: req.method,
          path: req.path,
          query: withTicket && req.method === "GET" ? { ...req.query, "p-ticket": ticket } : req.query,
          body: withTicket && req.method !== "GET" ? { ...req.body, "p-ticket": ticket } : req.body,
          headers,
          // A penalised request was not handled, so resending it with the ticket is safe even for orders.
          idempotent: req.idempotent,
          scope: DEPLOYMENT_SCOPE,
        });
      },
      {
        clock: this.ctx.clock,
        limiter: this.ctx.limiter,
        health: this.ctx.health,
        maxWaitMs: envMs("TRADOVATE_MAX_PENALTY_WAIT_MS", 60_000),
        captchaPauseMs: envMs("TRADOVATE_CAPTCHA_PAUSE_MS", 60 * 60_000),
        scope: DEPLOYMENT_SCOPE,
      },
    );
  }

  private tokenFrom(body: JsonRecord): CachedToken | null {
    const accessToken = str(body.accessToken);
    if (!accessToken) return null;
    const expiry = Date.parse(str(body.expirationTime) ?? "");
    return { accessToken, expiresAt: Number.isFinite(expiry) ? expiry : this.ctx.clock.now() + FALLBACK_LIFETIME_MS };
  }

  private async login(c: TvCaller): Promise<CachedToken> {
    await this.authLimiter.acquire(DEPLOYMENT_SCOPE, this.ctx.timeoutMs());
    const cid = Number(c.creds.cid);
    const res = await this.exchange(
      c,
      {
        method: "POST",
        path: "/auth/accesstokenrequest",
        body: {
          name: c.creds.username,
          password: c.creds.password,
          appId: c.creds.appId,
          appVersion: c.creds.appVersion,
          cid: Number.isFinite(cid) ? cid : c.creds.cid,
          sec: c.creds.sec,
        },
        idempotent: true,
      },
      {},
    );
    const body = asRecord(res.body);
    const token = res.status < 400 ? this.tokenFrom(body) : null;
    if (!token) {
      // Wrong credentials come back as HTTP 200 with errorText.
      const detail = str(body.errorText);
      throw new BrokerError(
        `Tradovate did not accept these credentials${detail ? ` (${scrubSecrets(detail, c.raw)})` : ""}. Check the username, password and API key (app id, cid, sec).`,
        "unauthorized",
        String(res.status),
      );
    }
    return token;
  }

  private async renew(c: TvCaller, current: CachedToken): Promise<CachedToken> {
    await this.authLimiter.acquire(DEPLOYMENT_SCOPE, this.ctx.timeoutMs());
    const res = await this.exchange(c, { method: "GET", path: "/auth/renewaccesstoken", idempotent: true }, { Authorization: `Bearer ${current.accessToken}` });
    const token = res.status < 400 ? this.tokenFrom(asRecord(res.body)) : null;
    if (!token) throw new Error("renewal refused");
    return token;
  }

  /** An authorised request; one re-login on HTTP 401. */
  async send(c: TvCaller, req: TvRequest): Promise<HttpResponse> {
    const session = {
      token: () => this.tokens.get(c.key, { login: () => this.login(c), refresh: (t) => this.renew(c, t) }),
      invalidate: (t: CachedToken) => this.tokens.invalidate(c.key, t),
    };
    return withSession(session, TRADOVATE, async (token) => {
      const res = await this.exchange(c, req, { Authorization: `Bearer ${token.accessToken}` });
      if (res.status === 401) throw new BrokerError("Tradovate session expired.", "unauthorized", "401");
      return res;
    });
  }

  /**
   * A read that must succeed. A 404 is `null` only for lookups of one entity by id or name
   * (`missingIsNull`); for a list it means the endpoint is not there, which must never read
   * as "no such order" (the reconciler would conclude the broker never got it).
   */
  async read(c: TvCaller, path: string, query?: TvRequest["query"], missingIsNull = false): Promise<unknown> {
    const res = await this.send(c, { method: "GET", path, query, idempotent: true });
    if (res.status === 404 && missingIsNull) return null;
    if (res.status >= 400) throw new BrokerError(`Tradovate refused ${path} (HTTP ${res.status}).`, res.status === 404 ? "unavailable" : "rejected", String(res.status));
    const errorText = str(asRecord(res.body).errorText);
    if (errorText) throw new BrokerError(`Tradovate refused ${path}: ${scrubSecrets(errorText, c.raw)}`, "rejected");
    return res.body;
  }

  /** Active accounts of the login. */
  async accounts(c: TvCaller, fresh = false): Promise<TvAccount[]> {
    const hit = this.accountsCache.get(c.key);
    if (!fresh && hit && this.ctx.clock.now() - hit.at < ACCOUNTS_TTL_MS) return hit.list;
    const list = asArray(await this.read(c, "/account/list")).flatMap((a) => {
      const r = asRecord(a);
      const id = num(r.id);
      if (id === undefined || bool(r.active) === false) return [];
      return [{ id, name: str(r.name) ?? String(id) }];
    });
    this.accountsCache.set(c.key, { at: this.ctx.clock.now(), list });
    return list;
  }

  /** The account to trade: the one named (id or name), else the first active one. */
  async account(c: TvCaller): Promise<TvAccount> {
    const wanted = c.ref.externalAccountId ?? c.creds.accountId;
    const all = await this.accounts(c);
    const found = wanted ? all.find((a) => String(a.id) === wanted || a.name === wanted) : all[0];
    if (!found) {
      throw new BrokerError(
        wanted ? `Tradovate account ${wanted} is not among the active accounts of this login.` : "This Tradovate login has no active account.",
        "rejected",
      );
    }
    return found;
  }
}
