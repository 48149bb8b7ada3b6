import { BrokerError } from "@/brokers/types";

/**
 * Fields of the Tradovate connect form: the user's login plus the API key Tradovate issues
 * (app id, app version, cid, sec) — the body of POST /auth/accesstokenrequest.
 */
export const tradovateCredentialFields = [
  { name: "username", label: "Username" },
  { name: "password", label: "Password", secret: true },
  { name: "app_id", label: "App id (from the Tradovate API key)" },
  { name: "app_version", label: "App version" },
  { name: "cid", label: "Client id (cid)" },
  { name: "sec", label: "Secret (sec)", secret: true },
  { name: "account_id", label: "Account id or name (first active account if empty)", optional: true },
] as const;

export type TradovateCredentials = { username: string; password: string; appId: string; appVersion: string; cid: string; sec: string; accountId?: string };

/** Reads the credential record the connect form produced; names the first missing field. */
export function readTradovateCredentials(raw: Record<string, string> | null): TradovateCredentials {
  const get = (name: string) => raw?.[name]?.trim();
  for (const name of ["username", "password", "app_id", "app_version", "cid", "sec"]) {
    if (!get(name)) throw new BrokerError(`Tradovate needs the ${name.replace("_", " ")} to connect.`, "rejected");
  }
  return {
    username: get("username")!,
    password: raw!.password,
    appId: get("app_id")!,
    appVersion: get("app_version")!,
    cid: get("cid")!,
    sec: raw!.sec,
    accountId: get("account_id") || undefined,
  };
}
