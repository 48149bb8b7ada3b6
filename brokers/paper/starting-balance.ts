import { BrokerError } from "@/brokers/types";

/** Balance of a new paper account when the trader does not choose one, in USD. */
export const DEFAULT_STARTING_BALANCE = 100_000;
/** Upper bound on a paper starting balance: a simulation far beyond real accounts teaches nothing. */
export const MAX_STARTING_BALANCE = 10_000_000;

/**
 * The starting balance from the connect form's `starting_balance` (a string, possibly with
 * thousands separators or a leading $); blank means the default. Throws BrokerError
 * "rejected" with a reason the trader can act on.
 */
export function parseStartingBalance(raw: string | undefined): number {
  const text = (raw ?? "").trim().replace(/^\$/, "").replace(/[,_\s]/g, "");
  if (text === "") return DEFAULT_STARTING_BALANCE;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0) || value > MAX_STARTING_BALANCE) {
    throw new BrokerError(
      `Starting balance must be a positive number of USD up to ${MAX_STARTING_BALANCE.toLocaleString("en-US")}; got "${raw}"`,
      "rejected",
      "invalid_starting_balance",
    );
  }
  return Math.round(value * 100) / 100;
}
