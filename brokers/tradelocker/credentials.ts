import { BrokerError } from "@/brokers/types";

/** Fields of the TradeLocker connect form (the same three the TradeLocker login screen asks for). */
export const tradeLockerCredentialFields = [
  { name: "email", label: "Email" },
  { name: "password", label: "Password", secret: true },
  { name: "server", label: "Server (as shown on the TradeLocker login screen)" },
  { name: "account_id", label: "Account number or id (first account if empty)", optional: true },
] as const;

export type TradeLockerCredentials = { email: string; password: string; server: string; accountId?: string };

/** Reads the credential record the connect form produced; names the first missing field. */
export function readTradeLockerCredentials(raw: Record<string, string> | null): TradeLockerCredentials {
  const email = raw?.email?.trim();
  const password = raw?.password;
  const server = raw?.server?.trim();
  for (const [name, value] of [["email", email], ["password", password], ["server", server]] as const) {
    if (!value) throw new BrokerError(`TradeLocker needs the ${name} to connect.`, "rejected");
  }
  return { email: email!, password: password!, server: server!, accountId: raw?.account_id?.trim() || undefined };
}
