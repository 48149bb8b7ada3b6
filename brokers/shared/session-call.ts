import { BrokerError } from "@/brokers/types";

/** The session side of a call: a token, and a way to drop it once the broker refuses it. */
export type Session<T> = {
  token(): Promise<T>;
  invalidate(token: T): void;
};

/**
 * Runs `call` with a session token; when the broker answers 401, logs in again ONCE and
 * retries the call once. A 401 means the broker did not act on the request, so repeating
 * even an order is safe. A second 401 is reported to the trader in plain words.
 */
export async function withSession<T, R>(session: Session<T>, brokerName: string, call: (token: T) => Promise<R>): Promise<R> {
  const first = await session.token();
  try {
    return await call(first);
  } catch (err) {
    if (!(err instanceof BrokerError) || err.kind !== "unauthorized") throw err;
    session.invalidate(first);
  }
  const second = await session.token();
  try {
    return await call(second);
  } catch (err) {
    if (err instanceof BrokerError && err.kind === "unauthorized") {
      session.invalidate(second);
      throw new BrokerError(`${brokerName} refused the session even after signing in again; reconnect the account.`, "unauthorized", err.brokerCode);
    }
    throw err;
  }
}
