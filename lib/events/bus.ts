import { SUBJECTS, type Payload, type Subject } from "./subjects";

/** A delivered event: subject, payload and a per-process monotonic id (SSE resume). */
export type BusEvent<S extends Subject = Subject> = { id: number; subject: S; payload: Payload<S> };
export type Handler<S extends Subject = Subject> = (event: BusEvent<S>) => void;

/** Publish/subscribe across the app; in-process by default, NATS when NATS_URL is set. */
export interface Bus {
  readonly kind: "memory" | "nats";
  /**
   * Validates the payload against its subject's schema, then delivers it to every subscriber
   * (every replica). A transport failure (NATS down) is logged, never thrown, and never holds
   * the caller for long: the database is the source of truth, an event only feeds live views.
   */
  publish<S extends Subject>(subject: S, payload: Payload<S>): Promise<void>;
  /** Subscribes to one subject, or "*" for all. Returns the unsubscribe function. */
  subscribe<S extends Subject>(subject: S | "*", handler: Handler<S>): () => void;
  /** Round-trip check for /health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * On publish: throws when the payload does not match its subject's schema — a programming
 * error, which the compiler's types already rule out. So it is checked in development and
 * tests, and skipped in production, where it would cost every alert a few parses. What
 * arrives from another process (NATS) is always checked: see parseIncoming.
 */
export function validatePayload<S extends Subject>(subject: S, payload: Payload<S>): Payload<S> {
  if (process.env.NODE_ENV === "production") return payload;
  return SUBJECTS[subject].parse(payload) as Payload<S>;
}

/** A payload from another process: the parsed event, or null when it does not match its subject's schema. */
export function parseIncoming(subject: string, payload: unknown): { subject: Subject; payload: unknown } | null {
  if (!(subject in SUBJECTS)) return null;
  const parsed = SUBJECTS[subject as Subject].safeParse(payload);
  return parsed.success ? { subject: subject as Subject, payload: parsed.data } : null;
}

/** Local fan-out shared by both bus kinds: NATS messages arrive here too. */
export class LocalFanout {
  private handlers = new Map<string, Set<Handler>>();
  private seq = 0;

  deliver(subject: Subject, payload: unknown) {
    const event = { id: ++this.seq, subject, payload } as BusEvent;
    for (const key of [subject, "*"]) {
      for (const h of this.handlers.get(key) ?? []) {
        try {
          h(event);
        } catch {
          // A failing subscriber must not stop delivery to the others.
        }
      }
    }
  }

  subscribe(subject: string, handler: Handler): () => void {
    let set = this.handlers.get(subject);
    if (!set) this.handlers.set(subject, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
}
