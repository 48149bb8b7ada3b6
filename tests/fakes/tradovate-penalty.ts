/**
 * Tradovate's time-penalty protocol (Tradovate FAQ "How to Handle Request Limits"):
 * instead of the normal answer the server sends HTTP 200 `{"p-ticket", "p-time"}` and the
 * client must wait `p-time` seconds, then send the same body again with `"p-ticket"` added.
 * With `"p-captcha": true` a third-party app "cannot complete the request and clients
 * should be directed to try again in an hour".
 */
import { randomBytes } from "node:crypto";
import { isPlainObject } from "./fake-kit";
import { type FakeLog, type FakeReply, type LoggedRequest, type RequestMatcher, requestMatches } from "./fake-server";

export type PenaltyOptions = {
  /** Seconds the client must wait (`p-time`). */
  pTime: number;
  /** Adds `"p-captcha": true`: the client must stop for about an hour. */
  captcha?: boolean;
  /** Which request gets the penalty; default the next POST (a GET has no body to carry the ticket back). */
  match?: RequestMatcher;
};

type Issued = { until: number; captcha: boolean; path: string; body: string };

const CAPTCHA_WAIT_MS = 3600_000;

/** JSON with sorted keys, to compare a resent body with the original. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

export class PenaltyBox {
  private armed: PenaltyOptions[] = [];
  private issued = new Map<string, Issued>();

  constructor(private readonly log: FakeLog) {}

  arm(options: PenaltyOptions): void {
    this.armed.push(options);
  }

  clear(): void {
    this.armed = [];
    this.issued.clear();
  }

  /** Answers `{"p-ticket", "p-time", "p-captcha"?}` and remembers what was asked. */
  issue(req: LoggedRequest, pTime: number, captcha = false): FakeReply {
    const ticket = randomBytes(12).toString("base64url");
    this.issued.set(ticket, { until: Date.now() + (captcha ? CAPTCHA_WAIT_MS : pTime * 1000), captcha, path: req.path.toLowerCase(), body: canonical(req.body) });
    return { status: 200, body: { "p-ticket": ticket, "p-time": pTime, ...(captcha ? { "p-captcha": true } : {}) } };
  }

  /**
   * Screens a request: an armed penalty or a too-early resend gets a penalty answer; a
   * proper resend is handed on without its `p-ticket`, for normal processing.
   */
  screen(req: LoggedRequest): { reply: FakeReply } | { req: LoggedRequest } {
    const resent = isPlainObject(req.body) && typeof req.body["p-ticket"] === "string" ? req.body["p-ticket"] : undefined;
    if (resent !== undefined && isPlainObject(req.body)) {
      const original = Object.fromEntries(Object.entries(req.body).filter(([key]) => key !== "p-ticket"));
      const stripped: LoggedRequest = { ...req, body: original };
      const issued = this.issued.get(resent);
      if (!issued) {
        this.log.violate(req, `p-ticket "${resent}" was never issued`);
        return { req: stripped };
      }
      if (Date.now() < issued.until) {
        this.log.violate(req, issued.captcha ? "resent after p-captcha; the docs say to try again in an hour" : "resent before p-time had elapsed");
        this.issued.delete(resent);
        return { reply: this.issue(stripped, Math.ceil((issued.until - Date.now()) / 1000), issued.captcha) };
      }
      this.issued.delete(resent);
      if (issued.path !== req.path.toLowerCase()) this.log.violate(req, `p-ticket issued for ${issued.path} resent to another endpoint`);
      if (issued.body !== canonical(original)) this.log.violate(req, "resend with p-ticket must repeat the original body unchanged");
      return { req: stripped };
    }
    const index = this.armed.findIndex((a) => requestMatches(a.match, req, (r) => r.method === "POST"));
    if (index < 0) return { req };
    const [penalty] = this.armed.splice(index, 1);
    return { reply: this.issue(req, penalty.pTime, penalty.captcha) };
  }
}
