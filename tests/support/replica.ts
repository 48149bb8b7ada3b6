// A second app replica in its own process, for scale-out tests: `tsx tests/support/replica.ts`.
// Reads DATABASE_URL, NATS_URL, NATS_SUBJECT_PREFIX and the secrets from the environment,
// serves the real route handlers and prints "READY <url>" on stdout.
import { startRouteServer } from "./route-server";
import { getDb } from "../../lib/db/connection";
import { getBus } from "../../lib/events";

async function main() {
  await getDb();
  await getBus();
  const server = await startRouteServer();
  process.stdout.write(`READY ${server.url}\n`);
  process.on("SIGTERM", () => void server.close().finally(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
