import { BrokerError } from "@/brokers/types";

/** Fields of the Topstep (ProjectX Gateway) connect form: the API key comes from the firm's dashboard. */
export const projectXCredentialFields = [
  { name: "username", label: "Username" },
  { name: "api_key", label: "API key", secret: true },
  { name: "account_id", label: "Account id or name (first tradable account if empty)", optional: true },
] as const;

export type ProjectXCredentials = { username: string; apiKey: string; accountId?: string };

/** Reads the credential record the connect form produced; names the first missing field. */
export function readProjectXCredentials(raw: Record<string, string> | null): ProjectXCredentials {
  const username = raw?.username?.trim();
  const apiKey = raw?.api_key?.trim();
  if (!username) throw new BrokerError("Topstep (ProjectX) needs the username to connect.", "rejected");
  if (!apiKey) throw new BrokerError("Topstep (ProjectX) needs the API key to connect.", "rejected");
  return { username, apiKey, accountId: raw?.account_id?.trim() || undefined };
}
