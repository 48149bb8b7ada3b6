import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { newPaperAccount, newUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { resetConfig } from "../../lib/config/env";
import { keyId } from "../../lib/crypto/envelope";
import { rotateEncryptionKeys } from "../../lib/crypto/rotate-keys";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const forgetKeyCache = () => delete (globalThis as Record<string, unknown>).__unifyKeyCache;

describe("encryption key rotation (npm run rotate-keys)", () => {
  test("secrets sealed under the old key are re-sealed under the new one and keep working after the old key is gone", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u, { require_signature: true });
    const oldKey = process.env.UNIFY_ENCRYPTION_KEY!;
    const newKey = crypto.randomBytes(32).toString("base64");

    // Step 1: deploy the new key with the old one kept for decryption.
    process.env.UNIFY_ENCRYPTION_KEY = newKey;
    process.env.UNIFY_ENCRYPTION_KEYS_OLD = oldKey;
    resetConfig();
    forgetKeyCache();
    const first = await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }), { sign: a.webhook_secret });
    expect(first.status, first.text).toBe(200);

    // Step 2: rotate.
    const counts = await app.db.transaction((tx) => rotateEncryptionKeys(tx));
    expect(counts["broker_accounts.webhook_secret_enc"]).toBeGreaterThanOrEqual(1);
    const again = await app.db.transaction((tx) => rotateEncryptionKeys(tx));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    const [row] = await app.db.query<{ webhook_secret_enc: { kid: string } }>("select webhook_secret_enc from public.broker_accounts where id = $1", [a.id]);
    expect(row.webhook_secret_enc.kid).toBe(keyId(Buffer.from(newKey, "base64")));

    // Step 3: drop the old key; everything still decrypts.
    delete process.env.UNIFY_ENCRYPTION_KEYS_OLD;
    resetConfig();
    forgetKeyCache();
    const last = await sendAlert(app, "paper", entry(a.api_key, { qty: 0.02 }), { sign: a.webhook_secret });
    expect(last.status, last.text).toBe(200);
  });
});
