import crypto from "node:crypto";
import { asUser } from "@/lib/db/as-user";
import type { Queryable } from "@/lib/db/types";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { sealJson } from "@/lib/crypto/envelope";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type BrokerAccountInfo, type BrokerId } from "@/brokers/types";
import { checkBrokerAllowance } from "@/lib/plans/check-broker-allowance";
import { getBus } from "@/lib/events";
import { publishUserLog, writeUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { generateApiKey, generateWebhookSecret } from "./api-key";
import { ACCOUNT_VIEW_SQL, toAccountView } from "./account-view";
import type { AccountView, CreateAccountBody } from "./schemas";
import { credentialsAad, webhookSecretAad, deviceSecretAad } from "./secret-aad";

export type ConnectedAccount = {
  account: AccountView;
  api_key: string;
  webhook_secret: string;
  /** MetaTrader only: what the trader pastes into the Expert Advisor's inputs. */
  ea_device?: { device_id: string; device_secret: string };
};

const isMetaTrader = (b: BrokerId) => b === "mt4" || b === "mt5";

/** Validates the credentials with the broker (real brokers) and returns the account it reaches. */
async function validateWithBroker(body: CreateAccountBody): Promise<{ info: BrokerAccountInfo | null; credentials: Record<string, string> | null }> {
  if (isMetaTrader(body.broker)) return { info: null, credentials: null };
  const adapter = adapterFor(body.broker);
  const raw = body.credentials ?? {};
  const credentials = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  if (body.broker !== "paper") {
    const missing = adapter.credentialFields.filter((f) => !f.optional && !credentials[f.name]).map((f) => f.name);
    if (missing.length) {
      throw new AppError("invalid_request", `credentials.${missing[0]}: is required for ${body.broker}`, {
        errors: missing.map((m) => ({ path: `credentials.${m}`, message: "is required" })),
      });
    }
  }
  try {
    const { account } = await adapter.connect(credentials, body.mode);
    return { info: account, credentials: body.broker === "paper" ? null : credentials };
  } catch (err) {
    if (err instanceof BrokerError) {
      throw new AppError("broker_rejected", `${body.broker} did not accept these credentials: ${err.message}`, {
        broker_code: err.brokerCode ?? err.kind,
      });
    }
    throw err;
  }
}

/**
 * Connects a broker account: plan allowance, credential validation with the broker,
 * then the account row with its encrypted credentials, a hashed API key and an
 * encrypted webhook secret. The plaintext key and secret are returned only here.
 */
export async function connectAccount(user: SessionUser, body: CreateAccountBody, correlationId: string): Promise<ConnectedAccount> {
  // Over the plan's limit, the credentials are not sent to the broker at all (checked again below, under the lock).
  await assertBrokerAllowance(user);
  const { info, credentials } = await validateWithBroker(body);
  const id = crypto.randomUUID();
  const apiKey = generateApiKey(body.mode);
  const webhookSecret = generateWebhookSecret();
  const deviceSecret = isMetaTrader(body.broker) ? generateWebhookSecret().replace("uws_", "ued_") : null;
  const log: UserLogEntry = {
    user_id: user.id,
    level: "info",
    type: "account",
    message: `Connected ${body.broker} account "${body.name}" (${body.mode})`,
    correlation_id: correlationId,
  };

  const result = await asUser(user.claims, async (tx) => {
    // Serialise this user's account creations so two at once cannot both pass the plan's broker limit.
    await tx.query("select pg_advisory_xact_lock(hashtext('accounts:' || $1::text))", [user.id]);
    await assertBrokerAllowance(user, tx);

    await tx.query(
      `insert into public.broker_accounts
         (id, user_id, broker, name, mode, external_account_id, credentials_enc, webhook_secret_enc,
          require_signature, ip_allowlist, currency, balance, equity, last_sync, status)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        id,
        user.id,
        body.broker,
        body.name,
        body.mode,
        info?.externalAccountId ?? null,
        credentials ? JSON.stringify(sealJson(credentials, credentialsAad(id))) : null,
        JSON.stringify(sealJson(webhookSecret, webhookSecretAad(id))),
        body.require_signature,
        body.ip_allowlist,
        info?.currency ?? "USD",
        info?.balance ?? 0,
        info?.equity ?? 0,
        info ? new Date() : null,
        isMetaTrader(body.broker) ? "down" : "active",
      ],
    );
    await tx.query("insert into public.api_keys (user_id, account_id, key_hash, masked) values ($1, $2, $3, $4)", [
      user.id,
      id,
      apiKey.hash,
      apiKey.masked,
    ]);
    let deviceId: string | undefined;
    if (deviceSecret) {
      const [device] = await tx.query<{ id: string }>(
        "insert into public.ea_devices (user_id, account_id, secret_enc, platform) values ($1, $2, $3, $4) returning id",
        [user.id, id, JSON.stringify(sealJson(deviceSecret, deviceSecretAad(id))), body.broker],
      );
      deviceId = device.id;
    }
    if (info) {
      await tx.query("insert into public.equity_history (user_id, account_id, equity, balance) values ($1, $2, $3, $4)", [
        user.id,
        id,
        info.equity,
        info.balance,
      ]);
    }
    await writeUserLog(tx, log);
    const [row] = await tx.query<Parameters<typeof toAccountView>[0]>(`${ACCOUNT_VIEW_SQL} where a.id = $1`, [id]);
    return { account: toAccountView(row), deviceId };
  });

  await publishAccount(user.id, result.account, correlationId);
  await publishUserLog(log);
  return {
    account: result.account,
    api_key: apiKey.key,
    webhook_secret: webhookSecret,
    ...(result.deviceId && deviceSecret ? { ea_device: { device_id: result.deviceId, device_secret: deviceSecret } } : {}),
  };
}

/** 402 plan_limit when the user's plan allows no more broker accounts. */
async function assertBrokerAllowance(user: SessionUser, tx?: Queryable): Promise<void> {
  const count = "select count(*)::int as n from public.broker_accounts where user_id = $1";
  const [{ n }] = tx ? await tx.query<{ n: number }>(count, [user.id]) : await asUser(user.claims, (t) => t.query<{ n: number }>(count, [user.id]));
  const allowance = checkBrokerAllowance(user.plan, n);
  if (!allowance.ok) throw new AppError("plan_limit", allowance.reason);
}

/** Tells the user's open dashboards that an account changed. */
export async function publishAccount(userId: string, account: AccountView, correlationId: string | null) {
  const bus = await getBus();
  await bus.publish("account.update", {
    user_id: userId,
    correlation_id: correlationId,
    at: new Date().toISOString(),
    account: {
      id: account.id,
      broker: account.broker,
      enabled: account.enabled,
      status: account.status,
      status_reason: account.status_reason,
      balance: account.balance,
      equity: account.equity,
    },
  });
}
