import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser } from "../support/client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** Every text-like column in every table of the public and auth schemas. */
async function textColumns(): Promise<{ table: string; column: string }[]> {
  return app.db.query(
    `select table_schema || '.' || table_name as table, column_name as column
     from information_schema.columns
     where table_schema in ('public', 'auth')
       and (data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'))`,
  );
}

/** Where a value occurs anywhere in the database, as "table.column". */
export async function findPlaintext(value: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await textColumns()) {
    const rows = await app.db.query(`select 1 from ${table} where strpos("${column}"::text, $1) > 0 limit 1`, [value]);
    if (rows.length) hits.push(`${table}.${column}`);
  }
  return hits;
}

describe("secrets at rest", () => {
  test("no plaintext password, API key (old or new) or webhook secret exists in any text or JSON column", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const regenerated = await call<{ api_key: string }>(app, "POST", `/accounts/${acc.id}/api-key`, undefined, { token: u.token });
    const columns = await textColumns();
    expect(columns.length).toBeGreaterThan(40);
    for (const secret of [u.password, acc.api_key, acc.webhook_secret, regenerated.body.api_key]) {
      expect(await findPlaintext(secret), secret.slice(0, 8)).toEqual([]);
      // Not even the random part of a key without its prefix.
      expect(await findPlaintext(secret.slice(8))).toEqual([]);
    }
  });

  test("the webhook secret is stored as an AES-256-GCM envelope with a key id", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const [row] = await app.db.query<{ webhook_secret_enc: Record<string, unknown> }>(
      "select webhook_secret_enc from public.broker_accounts where id = $1",
      [acc.id],
    );
    expect(row.webhook_secret_enc).toMatchObject({ v: 1, kid: expect.stringMatching(/^[0-9a-f]{16}$/), iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) });
  });
});
