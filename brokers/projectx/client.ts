import { BrokerError, type AccountRef } from "@/brokers/types";
import type { BrokerContext } from "@/brokers/shared/broker-context";
import { projectXBaseUrl } from "@/brokers/shared/base-urls";
import { asArray, asRecord, bool, num, str, type JsonRecord } from "@/brokers/shared/json";
import { scrubSecrets } from "@/brokers/shared/redact";
import { withSession } from "@/brokers/shared/session-call";
import { credentialKey, jwtExpiryMs, TokenCache, type CachedToken } from "@/brokers/shared/token-cache";
import { readProjectXCredentials, type ProjectXCredentials } from "./credentials";

export const PROJECTX = "Topstep (ProjectX)";

/** A Gateway answer: `success: true` with the payload, or the refusal with its errorCode (HTTP 200 either way). */
export type PxResult = { ok: true; body: JsonRecord } | { ok: false; reason: string; code?: string };

/** One account from Account/search. */
export type PxAccount = { id: number; name: string; balance: number; canTrade: boolean };

export type PxCaller = { creds: ProjectXCredentials; raw: Record<string, string>; baseUrl: string; key: string; ref: Pick<AccountRef, "mode" | "externalAccountId"> };

// Session tokens are valid 24 h (Gateway docs, "Authenticate"); revalidated an hour early.
const TOKEN_LIFETIME_MS = 24 * 60 * 60_000;
const ACCOUNTS_TTL_MS = 60_000;

/**
 * Session and envelope handling for the ProjectX Gateway API: loginKey, session
 * revalidation (Auth/validate → newToken), and the `{success, errorCode, errorMessage}`
 * envelope, which must be read from the body because refusals come with HTTP 200.
 */
export class ProjectXClient {
  private readonly tokens: TokenCache<CachedToken>;
  private readonly accountsCache = new Map<string, { at: number; list: PxAccount[] }>();

  constructor(private readonly ctx: BrokerContext) {
    this.tokens = new TokenCache<CachedToken>(60 * 60_000, ctx.clock);
  }

  /** Resolves who is calling from credentials and the account mode. */
  caller(credentials: Record<string, string> | null, ref: Pick<AccountRef, "mode" | "externalAccountId">): PxCaller {
    const creds = readProjectXCredentials(credentials);
    const baseUrl = projectXBaseUrl(ref.mode);
    const raw = credentials ?? {};
    return { creds, raw, baseUrl, key: credentialKey("projectx", baseUrl, raw), ref };
  }

  private expiry(token: string): number {
    return jwtExpiryMs(token) ?? this.ctx.clock.now() + TOKEN_LIFETIME_MS;
  }

  private async login(c: PxCaller): Promise<CachedToken> {
    const res = await this.ctx.http.request(c.baseUrl, {
      method: "POST",
      path: "/api/Auth/loginKey",
      body: { userName: c.creds.username, apiKey: c.creds.apiKey },
      idempotent: true,
      scope: c.key,
    });
    const body = asRecord(res.body);
    const token = str(body.token);
    if (res.status >= 400 || bool(body.success) === false || !token) {
      const detail = str(body.errorMessage);
      throw new BrokerError(
        `Topstep (ProjectX) did not accept this username and API key${detail ? ` (${scrubSecrets(detail, c.raw)})` : ""}.`,
        "unauthorized",
        str(body.errorCode) ?? String(res.status),
      );
    }
    return { accessToken: token, expiresAt: this.expiry(token) };
  }

  private async revalidate(c: PxCaller, current: CachedToken): Promise<CachedToken> {
    const res = await this.ctx.http.request(c.baseUrl, {
      method: "POST",
      path: "/api/Auth/validate",
      headers: { Authorization: `Bearer ${current.accessToken}` },
      idempotent: true,
      scope: c.key,
    });
    const body = asRecord(res.body);
    const token = str(body.newToken);
    if (res.status >= 400 || bool(body.success) === false || !token) throw new Error("revalidation refused");
    return { accessToken: token, expiresAt: this.expiry(token) };
  }

  /**
   * POST to a Gateway endpoint with the session token; one re-login on HTTP 401.
   * Returns the envelope as a PxResult; transport failures throw BrokerError.
   */
  async call(c: PxCaller, path: string, body: unknown, idempotent: boolean): Promise<PxResult> {
    const session = {
      token: () => this.tokens.get(c.key, { login: () => this.login(c), refresh: (t) => this.revalidate(c, t) }),
      invalidate: (t: CachedToken) => this.tokens.invalidate(c.key, t),
    };
    return withSession(session, PROJECTX, async (token) => {
      const res = await this.ctx.http.request(c.baseUrl, {
        method: "POST",
        path,
        body,
        headers: { Authorization: `Bearer ${token.accessToken}` },
        idempotent,
        scope: c.key,
      });
      if (res.status === 401) throw new BrokerError("Topstep (ProjectX) session expired.", "unauthorized", "401");
      const payload = asRecord(res.body);
      if (res.status >= 400 || bool(payload.success) === false) {
        const code = str(payload.errorCode);
        const message = str(payload.errorMessage) ?? (typeof res.body === "string" ? res.body : undefined);
        return {
          ok: false,
          code: code ?? String(res.status),
          reason: scrubSecrets(message ?? `Topstep (ProjectX) refused the request (error code ${code ?? res.status}).`, c.raw),
        };
      }
      return { ok: true, body: payload };
    });
  }

  /** A call that must succeed: a refusal becomes a BrokerError. */
  async data(c: PxCaller, path: string, body: unknown): Promise<JsonRecord> {
    const r = await this.call(c, path, body, true);
    if (!r.ok) throw new BrokerError(`Topstep (ProjectX) refused ${path}: ${r.reason}`, "rejected", r.code);
    return r.body;
  }

  /** Active accounts of the login (Account/search with onlyActiveAccounts). */
  async accounts(c: PxCaller, fresh = false): Promise<PxAccount[]> {
    const hit = this.accountsCache.get(c.key);
    if (!fresh && hit && this.ctx.clock.now() - hit.at < ACCOUNTS_TTL_MS) return hit.list;
    const body = await this.data(c, "/api/Account/search", { onlyActiveAccounts: true });
    const list = asArray(body.accounts).flatMap((a) => {
      const r = asRecord(a);
      const id = num(r.id);
      if (id === undefined) return [];
      return [{ id, name: str(r.name) ?? String(id), balance: num(r.balance) ?? 0, canTrade: bool(r.canTrade) ?? true }];
    });
    this.accountsCache.set(c.key, { at: this.ctx.clock.now(), list });
    return list;
  }

  /** The account to trade: the one named (id or name), else the first that can trade. */
  async account(c: PxCaller, fresh = false): Promise<PxAccount> {
    const wanted = c.ref.externalAccountId ?? c.creds.accountId;
    const all = await this.accounts(c, fresh);
    const found = wanted ? all.find((a) => String(a.id) === wanted || a.name === wanted) : (all.find((a) => a.canTrade) ?? all[0]);
    if (!found) {
      throw new BrokerError(
        wanted ? `Topstep (ProjectX) account ${wanted} is not among the active accounts of this login.` : "This Topstep (ProjectX) login has no active account.",
        "rejected",
      );
    }
    return found;
  }
}
