import { BrokerError, type AccountRef } from "@/brokers/types";
import type { BrokerContext } from "@/brokers/shared/broker-context";
import { tradeLockerBaseUrl } from "@/brokers/shared/base-urls";
import type { HttpRequest, HttpResponse } from "@/brokers/shared/http-client";
import { asArray, asRecord, num, str, type JsonRecord } from "@/brokers/shared/json";
import { scrubSecrets } from "@/brokers/shared/redact";
import { withSession } from "@/brokers/shared/session-call";
import { credentialKey, jwtExpiryMs, TokenCache, type CachedToken } from "@/brokers/shared/token-cache";
import { readTradeLockerCredentials, type TradeLockerCredentials } from "./credentials";

export const TRADELOCKER = "TradeLocker";

/** A TradeLocker session: JWT access token plus the refresh token that renews it. */
type TlToken = CachedToken & { refreshToken?: string };

/** One account from GET /auth/jwt/all-accounts. */
export type TlAccount = { id: string; accNum: string; name: string; currency: string; balance: number };

/** A /trade call's answer: `{s:"ok", d}` or the broker's refusal `{s:"error", errmsg}`. */
export type TlResult = { ok: true; data: JsonRecord } | { ok: false; reason: string; status: number };

/** Who is calling: the resolved credentials, host and cache key of one AccountRef. */
export type TlCaller = { creds: TradeLockerCredentials; raw: Record<string, string>; baseUrl: string; key: string; ref: Pick<AccountRef, "mode" | "externalAccountId"> };

// Token lifetime is not documented; when the JWT carries no `exp` and the login answer no
// `expireDate`, assume an hour and let a 401 trigger the one re-login.
const DEFAULT_TOKEN_LIFETIME_MS = 60 * 60_000;
const ACCOUNTS_TTL_MS = 5 * 60_000;
const CONFIG_TTL_MS = 60 * 60_000;

/**
 * Session and envelope handling for the TradeLocker REST API: login/refresh, the accNum
 * header every /trade call needs, and the `{s, d}` / `{s:"error", errmsg}` envelope, which
 * is read from the body because errors can arrive with HTTP 200.
 */
export class TradeLockerClient {
  private readonly tokens: TokenCache<TlToken>;
  private readonly cache = new Map<string, { at: number; value: unknown }>();

  constructor(private readonly ctx: BrokerContext) {
    // Refreshed 5 minutes before expiry with the refresh token (POST /auth/jwt/refresh).
    this.tokens = new TokenCache<TlToken>(5 * 60_000, ctx.clock);
  }

  /** Resolves who is calling from credentials and the account mode. */
  caller(credentials: Record<string, string> | null, ref: Pick<AccountRef, "mode" | "externalAccountId">): TlCaller {
    const creds = readTradeLockerCredentials(credentials);
    const baseUrl = tradeLockerBaseUrl(ref.mode);
    const raw = credentials ?? {};
    return { creds, raw, baseUrl, key: credentialKey("tradelocker", baseUrl, raw), ref };
  }

  private async login(c: TlCaller): Promise<TlToken> {
    const res = await this.ctx.http.request(c.baseUrl, {
      method: "POST",
      path: "/auth/jwt/token",
      body: { email: c.creds.email, password: c.creds.password, server: c.creds.server },
      idempotent: true,
      scope: c.key,
    });
    const body = asRecord(res.body);
    const accessToken = str(body.accessToken);
    if (res.status >= 400 || !accessToken) {
      const detail = str(body.errmsg) ?? str(body.message);
      throw new BrokerError(
        `TradeLocker did not accept this email, password and server${detail ? ` (${scrubSecrets(detail, c.raw)})` : ""}.`,
        "unauthorized",
        String(res.status),
      );
    }
    return this.tokenFrom(body, accessToken);
  }

  private async refresh(c: TlCaller, current: TlToken): Promise<TlToken> {
    if (!current.refreshToken) throw new Error("no refresh token");
    const res = await this.ctx.http.request(c.baseUrl, {
      method: "POST",
      path: "/auth/jwt/refresh",
      body: { refreshToken: current.refreshToken },
      idempotent: true,
      scope: c.key,
    });
    const body = asRecord(res.body);
    const accessToken = str(body.accessToken);
    if (res.status >= 400 || !accessToken) throw new Error("refresh refused");
    return this.tokenFrom(body, accessToken, current.refreshToken);
  }

  private tokenFrom(body: JsonRecord, accessToken: string, previousRefresh?: string): TlToken {
    const expireDate = str(body.expireDate) ? Date.parse(str(body.expireDate)!) : NaN;
    const expiresAt = jwtExpiryMs(accessToken) ?? (Number.isFinite(expireDate) ? expireDate : this.ctx.clock.now() + DEFAULT_TOKEN_LIFETIME_MS);
    return { accessToken, expiresAt, refreshToken: str(body.refreshToken) ?? previousRefresh };
  }

  private session(c: TlCaller) {
    return {
      token: () => this.tokens.get(c.key, { login: () => this.login(c), refresh: (t) => this.refresh(c, t) }),
      invalidate: (t: TlToken) => this.tokens.invalidate(c.key, t),
    };
  }

  /** An authorised request (Bearer, plus accNum for /trade calls); one re-login on 401. */
  async send(c: TlCaller, req: Omit<HttpRequest, "scope" | "headers">, accNum?: string): Promise<HttpResponse> {
    return withSession(this.session(c), TRADELOCKER, async (token) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${token.accessToken}` };
      if (accNum) headers.accNum = accNum;
      const res = await this.ctx.http.request(c.baseUrl, { ...req, headers, scope: c.key });
      if (res.status === 401) throw new BrokerError("TradeLocker session expired.", "unauthorized", "401");
      return res;
    });
  }

  /** A /trade call for an account, with the envelope read into a TlResult. */
  async trade(c: TlCaller, account: TlAccount, req: Omit<HttpRequest, "scope" | "headers">): Promise<TlResult> {
    const res = await this.send(c, req, account.accNum);
    return readEnvelope(res, c.raw);
  }

  /** A /trade read that must succeed: a refusal becomes a BrokerError. */
  async tradeData(c: TlCaller, account: TlAccount, req: Omit<HttpRequest, "scope" | "headers">): Promise<JsonRecord> {
    const result = await this.trade(c, account, req);
    if (!result.ok) throw new BrokerError(`TradeLocker refused the request: ${result.reason}`, "rejected");
    return result.data;
  }

  /** Every account the login reaches (cached briefly per credential set). */
  async accounts(c: TlCaller, fresh = false): Promise<TlAccount[]> {
    return this.cached(`${c.key}:accounts`, fresh ? 0 : ACCOUNTS_TTL_MS, async () => {
      const res = await this.send(c, { method: "GET", path: "/auth/jwt/all-accounts", idempotent: true });
      if (res.status >= 400) throw new BrokerError(`TradeLocker did not list the accounts (HTTP ${res.status}).`, "rejected", String(res.status));
      return asArray(asRecord(res.body).accounts).flatMap((a) => {
        const r = asRecord(a);
        const id = str(r.id);
        const accNum = str(r.accNum);
        if (!id || !accNum) return [];
        return [{ id, accNum, name: str(r.name) ?? id, currency: str(r.currency) ?? "USD", balance: num(r.accountBalance) ?? 0 }];
      });
    });
  }

  /**
   * The account to trade: the one named (by id, else accNum) in the credentials or the
   * stored external id, otherwise the first account of the login.
   */
  async account(c: TlCaller): Promise<TlAccount> {
    const wanted = c.ref.externalAccountId ?? c.creds.accountId;
    const all = await this.accounts(c);
    const found = wanted ? (all.find((a) => a.id === wanted) ?? all.find((a) => a.accNum === wanted)) : all[0];
    if (!found) {
      throw new BrokerError(
        wanted ? `TradeLocker account ${wanted} is not among the accounts of this login.` : "This TradeLocker login has no trading account.",
        "rejected",
      );
    }
    return found;
  }

  /** GET /trade/config for an account (column lists, rate limits), cached for an hour. */
  async config(c: TlCaller, account: TlAccount): Promise<JsonRecord> {
    return this.cached(`${c.key}:${account.accNum}:config`, CONFIG_TTL_MS, () =>
      this.tradeData(c, account, { method: "GET", path: "/trade/config", idempotent: true }),
    );
  }

  /** Memoises `load` under `key` for `ttlMs`. */
  async cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    const now = this.ctx.clock.now();
    if (hit && now - hit.at < ttlMs) return hit.value as T;
    const value = await load();
    this.cache.set(key, { at: now, value });
    return value;
  }
}

/** Reads TradeLocker's `{s, d}` envelope; errors come as `{s:"error", errmsg}`, even with HTTP 200. */
export function readEnvelope(res: HttpResponse, credentials?: Record<string, string>): TlResult {
  const body = asRecord(res.body);
  const s = str(body.s);
  if (s === "error" || (res.status >= 400 && s !== "ok")) {
    const message = str(body.errmsg) ?? str(body.message) ?? (typeof res.body === "string" ? res.body : undefined);
    return { ok: false, status: res.status, reason: scrubSecrets(message ?? `TradeLocker refused the request (HTTP ${res.status}).`, credentials) };
  }
  return { ok: true, data: asRecord(body.d) };
}
