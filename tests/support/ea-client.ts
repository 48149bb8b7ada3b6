import crypto from "node:crypto";
import { gcmDecryptWithBlocks } from "../../brokers/mt/ea-gcm";
import { hmacSha256FromHash, toHex } from "../../brokers/mt/ea-hmac";
import type { WireCommand } from "../../lib/ea/schemas";

/**
 * A MetaTrader terminal running UnifyBridge.mq5, in TypeScript, for tests. It speaks
 * exactly what the EA speaks: the same headers, the same JSON built field by field in the
 * same order with the same number formats (money and lots with 2 decimals, prices with
 * the symbol's digits — MQL's DoubleToString), the same HMAC-SHA256 built on SHA-256, and
 * sealed answers opened with GCM built from AES-ECB blocks. It also "executes" commands
 * against a small simulated book the way the EA reports it afterwards.
 */

export type EaClientPosition = {
  ticket: string;
  symbol: string;
  side: "buy" | "sell";
  lots: number;
  open_price: number;
  current_price: number;
  sl: number;
  tp: number;
  profit: number;
  comment: string;
  /** SYMBOL_DIGITS of the symbol: prices are written with this many decimals. */
  digits: number;
};

export type EaClientOrder = Omit<EaClientPosition, "open_price" | "current_price" | "profit"> & { type: "limit" | "stop"; price: number };

export type EaClientState = {
  balance: number;
  equity: number;
  margin: number;
  currency: string;
  symbol_suffix: string;
  positions: EaClientPosition[];
  orders: EaClientOrder[];
};

/** What the EA posts to /ea/ack for one command. */
export type EaAck = {
  command_id: string;
  status: "filled" | "rejected";
  ticket: string;
  price: number;
  lots: number;
  profit: number;
  count: number;
  error?: string;
  /** Decimals of `price` (the symbol's digits; 5 when the command had no symbol). */
  digits?: number;
};

export type EaResponse = { status: number; text: string; json: unknown };
export type SentRequest = { path: string; body: string; headers: Record<string, string> };

// MQL's StringFormat-free JSON writer: JSON.stringify's escaping for strings, fixed decimals for numbers.
const str = (s: string) => JSON.stringify(s);
const fixed = (n: number, digits: number) => n.toFixed(digits);

/** The EA's BuildPollBody(): `{"nonce":…,"account_state":{…}}` byte for byte. */
export function pollBodyJson(s: EaClientState, nonce: number): string {
  const positions = s.positions.map(
    (p) =>
      `{"ticket":${str(p.ticket)},"symbol":${str(p.symbol)},"side":${str(p.side)},"lots":${fixed(p.lots, 2)},` +
      `"open_price":${fixed(p.open_price, p.digits)},"current_price":${fixed(p.current_price, p.digits)},` +
      `"sl":${fixed(p.sl, p.digits)},"tp":${fixed(p.tp, p.digits)},"profit":${fixed(p.profit, 2)},"comment":${str(p.comment)}}`,
  );
  const orders = s.orders.map(
    (o) =>
      `{"ticket":${str(o.ticket)},"symbol":${str(o.symbol)},"side":${str(o.side)},"type":${str(o.type)},"lots":${fixed(o.lots, 2)},` +
      `"price":${fixed(o.price, o.digits)},"sl":${fixed(o.sl, o.digits)},"tp":${fixed(o.tp, o.digits)},"comment":${str(o.comment)}}`,
  );
  return (
    `{"nonce":${nonce},"account_state":{"balance":${fixed(s.balance, 2)},"equity":${fixed(s.equity, 2)},"margin":${fixed(s.margin, 2)},` +
    `"currency":${str(s.currency)},"symbol_suffix":${str(s.symbol_suffix)},"positions":[${positions.join(",")}],"orders":[${orders.join(",")}]}}`
  );
}

/** The EA's BuildAckBody(): `error` only on a rejection. */
export function ackBodyJson(a: EaAck, nonce: number): string {
  const base =
    `{"nonce":${nonce},"command_id":${str(a.command_id)},"status":${str(a.status)},"ticket":${str(a.ticket)},"price":${fixed(a.price, a.digits ?? 5)},` +
    `"lots":${fixed(a.lots, 2)},"profit":${fixed(a.profit, 2)},"count":${a.count}`;
  return a.status === "rejected" ? `${base},"error":${str(a.error ?? "")}}` : `${base}}`;
}

/** The EA's SignRequest(): `t=<TimeGMT>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export function eaSignature(secret: string, body: string, t: number): string {
  const mac = hmacSha256FromHash(Buffer.from(secret, "utf8"), Buffer.from(`${t}.${body}`, "utf8"));
  return `t=${t},v1=${toHex(mac)}`;
}

/** The EA's OpenSealed(): key = HMAC(secret, label), AAD = device id + "." + t, GCM from ECB blocks. */
export function openSealedLikeEa(secret: string, deviceId: string, t: number, sealed: { iv: string; tag: string; ct: string }): string | null {
  const key = Buffer.from(hmacSha256FromHash(Buffer.from(secret, "utf8"), Buffer.from("unify-ea-seal-v1", "utf8")));
  const ecb = (block: Uint8Array) => {
    const c = crypto.createCipheriv("aes-256-ecb", key, null);
    c.setAutoPadding(false);
    return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
  };
  const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
  const plain = gcmDecryptWithBlocks(ecb, b64(sealed.iv), b64(sealed.ct), b64(sealed.tag), new Uint8Array(Buffer.from(`${deviceId}.${t}`, "utf8")));
  return plain ? Buffer.from(plain).toString("utf8") : null;
}

export type EaClientOptions = {
  /** Ask for sealed answers (the EA's InpSealCommands input). */
  seal?: boolean;
  /** TimeGMT(): unix seconds; tests move it to exercise the ±300 s window. */
  clock?: () => number;
};

export class EaClient {
  state: EaClientState = { balance: 10_000, equity: 10_000, margin: 0, currency: "USD", symbol_suffix: "", positions: [], orders: [] };
  /** The last request sent, exactly as sent (replay tests resend it). */
  last: SentRequest | null = null;
  private nextTicket = 5_000_001;
  /** The EA's request counter, seeded from the tick count so a restarted EA does not repeat a recent one. */
  private nonce = Date.now() % 1_000_000_000;

  constructor(
    private readonly baseUrl: string,
    readonly deviceId: string,
    private readonly secret: string,
    private readonly opts: EaClientOptions = {},
  ) {}

  private now(): number {
    return this.opts.clock ? this.opts.clock() : Math.floor(Date.now() / 1000);
  }

  /** The EA's PostSigned(): the headers WebRequest sends, in the EA's order. */
  headersFor(body: string, t = this.now()): Record<string, string> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "X-Device-Id": this.deviceId,
      "X-Signature": eaSignature(this.secret, body, t),
    };
    if (this.opts.seal) headers["X-Seal-Commands"] = "1";
    return headers;
  }

  /** Sends a body as the EA would; `headers` overrides individual headers (bad signatures, stale t). */
  async send(path: "/ea/poll" | "/ea/ack", body: string, headers: Record<string, string> = this.headersFor(body)): Promise<EaResponse> {
    this.last = { path, body, headers };
    return this.transmit(this.last);
  }

  /** Sends the previous request again, byte for byte. */
  async replay(): Promise<EaResponse> {
    if (!this.last) throw new Error("nothing to replay");
    return this.transmit(this.last);
  }

  private async transmit(r: SentRequest): Promise<EaResponse> {
    const res = await fetch(`${this.baseUrl}/api/unify/v1${r.path}`, { method: "POST", headers: r.headers, body: r.body });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: keep the text for the assertion message.
    }
    return { status: res.status, text, json };
  }

  /** One poll: reports the state, returns the commands (opening a sealed answer the EA's way). */
  async poll(): Promise<EaResponse & { commands: WireCommand[] }> {
    const body = pollBodyJson(this.state, this.nextNonce());
    const t = this.now();
    const res = await this.send("/ea/poll", body, this.headersFor(body, t));
    if (res.status !== 200) return { ...res, commands: [] };
    let answer = res.json as { commands?: WireCommand[]; sealed?: { iv: string; tag: string; ct: string } };
    if (answer.sealed) {
      const opened = openSealedLikeEa(this.secret, this.deviceId, t, answer.sealed);
      if (opened === null) throw new Error("sealed answer failed authentication");
      answer = JSON.parse(opened) as { commands: WireCommand[] };
    } else if (this.opts.seal && (answer.commands?.length ?? 0) > 0) {
      // The EA refuses plain commands once it asked for sealed ones (a downgrade on the path).
      throw new Error("plain commands received although sealing was requested");
    }
    return { ...res, commands: answer.commands ?? [] };
  }

  /** Acks one command outcome. */
  async ack(a: EaAck): Promise<EaResponse> {
    return this.send("/ea/ack", ackBodyJson(a, this.nextNonce()));
  }

  /** The EA's NextNonce(): one per request. */
  nextNonce(): number {
    return ++this.nonce;
  }

  /**
   * Executes a command against the simulated terminal as CTrade would (market fill at
   * `price`), updates the state the next poll reports, and returns the ack the EA sends.
   */
  execute(cmd: WireCommand, price: number, digits = 5): EaAck {
    const ack = (extra: Partial<EaAck>): EaAck => ({ command_id: cmd.command_id, status: "filled", ticket: "", price: 0, lots: 0, profit: 0, count: 0, digits, ...extra });
    const matches = (p: { symbol: string; side: string }) => (!cmd.symbol || p.symbol === cmd.symbol) && (!cmd.side || p.side === cmd.side);
    switch (cmd.action) {
      case "open": {
        const ticket = String(this.nextTicket++);
        const lots = cmd.lots ?? 0;
        this.state.positions.push({ ticket, symbol: cmd.symbol ?? "", side: cmd.side ?? "buy", lots, open_price: price, current_price: price, sl: cmd.sl ?? 0, tp: cmd.tp ?? 0, profit: 0, comment: cmd.comment, digits });
        return ack({ ticket, price, lots, count: 1 });
      }
      case "close":
      case "close_all": {
        const closing = this.state.positions.filter((p) => cmd.action === "close_all" || matches(p));
        // Flattening a flat account is done (0 closed); closing a symbol with nothing open is refused.
        if (!closing.length && cmd.action === "close") return ack({ status: "rejected", error: `no open position in ${cmd.symbol}` });
        if (!closing.length) return ack({ count: 0 });
        let profit = 0;
        let lots = 0;
        for (const p of closing) {
          const move = (p.side === "buy" ? price - p.open_price : p.open_price - price) * 100_000 * p.lots;
          profit += cmd.action === "close_all" ? p.profit : move;
          lots += p.lots;
        }
        this.state.positions = this.state.positions.filter((p) => !closing.includes(p));
        this.state.balance = Number((this.state.balance + profit).toFixed(2));
        this.state.equity = this.state.balance;
        return ack({ ticket: closing[0].ticket, price, lots, profit: Number(profit.toFixed(2)), count: closing.length });
      }
      case "cancel": {
        const cancelled = this.state.orders.filter((o) => !cmd.symbol || o.symbol === cmd.symbol);
        this.state.orders = this.state.orders.filter((o) => !cancelled.includes(o));
        return ack({ count: cancelled.length });
      }
      case "modify": {
        const touched = this.state.positions.filter(matches);
        for (const p of touched) {
          if (cmd.sl !== null) p.sl = cmd.sl;
          if (cmd.tp !== null) p.tp = cmd.tp;
        }
        return ack({ count: touched.length });
      }
    }
  }
}
