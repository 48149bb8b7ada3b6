// npm run rotate-keys — re-encrypts broker credentials, webhook and device secrets and 2FA
// secrets under the current UNIFY_ENCRYPTION_KEY (put the previous key in UNIFY_ENCRYPTION_KEYS_OLD).
import { getDb, closeDb } from "../lib/db/connection";
import { rotateEncryptionKeys } from "../lib/crypto/rotate-keys";

async function main() {
  const db = await getDb();
  const counts = await db.transaction((tx) => rotateEncryptionKeys(tx));
  for (const [column, n] of Object.entries(counts)) console.log(`${column}: ${n} re-encrypted`);
  await closeDb();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
