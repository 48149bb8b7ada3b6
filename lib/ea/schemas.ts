/**
 * The wire protocol between Unify and the MetaTrader Expert Advisor (brokers/mt/UnifyBridge.mq5):
 * what the EA posts to /ea/poll and /ea/ack, and the commands it gets back. Field names
 * are snake_case like the rest of the API; MetaTrader's conventions are kept where the EA
 * reports raw terminal values (sl/tp 0 means "none", tickets are strings because MT5
 * tickets are 64-bit).
 */
import { z } from "zod";

/** Tickets arrive as strings (the reference EA) or numbers (other clients); we keep strings. */
const ticket = z.union([z.string().trim().max(40), z.number().int().nonnegative()]).transform(String);
// Any finite number: some CFDs (oil in April 2020, spreads) trade below zero, and one odd
// value must not get the whole poll refused (the account would go down on every try).
const price = z.number().finite();
// MetaTrader comments carry our id first; a broker may append to them. Longer ones are cut.
const comment = z.string().max(1_000).transform((c) => c.slice(0, 64));
// The EA writes volumes with 2 decimals: a 0.001-lot position (some brokers allow them) reads as 0.00.
const reportedLots = z.number().nonnegative().max(1_000_000);
const symbol = z.string().trim().min(1).max(32);
const side = z.enum(["buy", "sell"]);

/** One open position as the terminal reports it. `symbol` is our symbol (the EA strips its suffix). */
export const eaPosition = z.object({
  ticket,
  symbol,
  side,
  lots: reportedLots,
  open_price: price,
  current_price: price.optional(),
  sl: price.optional(),
  tp: price.optional(),
  profit: z.number().optional(),
  comment: comment.optional(),
});
export type EaPosition = z.infer<typeof eaPosition>;

/** One working (pending) order in the terminal. */
export const eaWorkingOrder = z.object({
  ticket,
  symbol,
  side,
  type: z.enum(["limit", "stop"]),
  lots: reportedLots,
  price,
  sl: price.optional(),
  tp: price.optional(),
  comment: comment.optional(),
});
export type EaWorkingOrder = z.infer<typeof eaWorkingOrder>;

/** The account as the EA sees it on every poll. Stored as ea_devices.last_state. */
export const eaAccountState = z.object({
  balance: z.number(),
  equity: z.number(),
  margin: z.number().nonnegative(),
  /** ACCOUNT_CURRENCY: usually ISO (USD), but cent and crypto accounts report USC, USDT… */
  currency: z.string().trim().min(1).max(8).optional(),
  /** The EA's symbol suffix input (EURUSD.m → ".m"), reported so the dashboard can show it. */
  symbol_suffix: z.string().max(16).optional(),
  positions: z.array(eaPosition).max(500).default([]),
  orders: z.array(eaWorkingOrder).max(500).default([]),
});
export type EaAccountState = z.infer<typeof eaAccountState>;

/**
 * A per-request counter. The EA signs with t in whole seconds and polls twice a second, so
 * two polls of an idle account would otherwise be identical bytes with an identical
 * signature, and the second would be refused as a replay. Optional for other clients.
 */
const nonce = z.number().int().nonnegative().optional();

/** POST /ea/poll body. */
export const eaPollBody = z.object({ nonce, account_state: eaAccountState });
export type EaPollBody = z.infer<typeof eaPollBody>;

/**
 * The reason kept from an EA's error. The EA lists every position a close failed on
 * ("#ticket: description (code); " each), so a close of many positions runs past it: the
 * text is cut, never refused — a 400 is an ack the EA drops for good, leaving the order
 * expired as "may or may not have been executed" instead of rejected.
 */
const ERROR_CHARS = 500;
/** The first `max` UTF-16 units, without leaving half a surrogate pair (jsonb refuses one). */
const clip = (s: string, max: number) => (s.length <= max ? s : s.slice(0, /[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max));

/**
 * POST /ea/ack body: the outcome of one command. `ticket` and `price` are required as in
 * brokers.md (the EA sends "" and 0 for a rejection); `lots` (volume actually executed),
 * `profit` (realised on a close) and `count` (positions or orders a close/close_all/cancel
 * touched) are optional extensions the reference EA always sends.
 */
export const eaAckBody = z.object({
  nonce,
  command_id: z.uuid({ message: "must be the command_id from the poll answer" }),
  status: z.enum(["filled", "rejected"]),
  ticket,
  price,
  lots: z.number().nonnegative().optional(),
  profit: z.number().optional(),
  count: z.number().int().nonnegative().optional(),
  error: z
    .string()
    .max(16_000)
    .transform((e) => clip(e, ERROR_CHARS))
    .optional(),
});
export type EaAckBody = z.infer<typeof eaAckBody>;

export const EA_ACTIONS = ["open", "close", "modify", "close_all", "cancel"] as const;
export type EaAction = (typeof EA_ACTIONS)[number];

/** What an ea_commands row keeps in `payload`: the command's fields besides its id and action. */
export type EaCommandPayload = {
  symbol: string | null;
  side: "buy" | "sell" | null;
  lots: number | null;
  sl: number | null;
  tp: number | null;
  comment: string;
};

/**
 * One command as the EA receives it. The key order is part of the protocol (the EA's
 * parser does not depend on it, but the test client compares answers byte for byte).
 */
export type WireCommand = { command_id: string; action: EaAction } & EaCommandPayload;

/** What the EA's ack recorded, kept in ea_commands.result. */
export type EaCommandResult = {
  ticket?: string;
  price?: number;
  lots?: number;
  profit?: number;
  count?: number;
  reason?: string;
  /** When the expiry job told the trader the command was delivered but not yet confirmed. */
  pending_reported_at?: string;
  /** The fill was found among the terminal's positions (by comment), not through an ack. */
  matched_position?: boolean;
  /** The ack arrived after the command had expired. */
  late?: boolean;
};

/** AES-256-GCM sealed poll answer; the plaintext is the JSON `{"commands":[...]}`. */
export type SealedAnswer = { sealed: { iv: string; tag: string; ct: string } };
export type PollAnswer = { commands: WireCommand[] } | SealedAnswer;
