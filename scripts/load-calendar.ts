// npm run load-calendar -- <file.csv>   (default: the shipped sample, supabase/economic_events_sample.csv)
// Header: datetime_utc,currency,impact,title — see lib/risk/economic-calendar-csv.ts.
import fs from "node:fs";
import { getDb, closeDb } from "../lib/db/connection";
import { importEconomicCalendar, SAMPLE_CALENDAR } from "../lib/settings/economic-calendar-import";

async function main() {
  const file = process.argv[2] ?? SAMPLE_CALENDAR;
  const db = await getDb();
  const result = await db.transaction((tx) => importEconomicCalendar(tx, fs.readFileSync(file, "utf8")));
  await closeDb();
  if (result.errors.length) {
    for (const e of result.errors) console.error(`${file} line ${e.line}: ${e.message}`);
    process.exit(1);
  }
  console.log(`${result.imported} events loaded from ${file}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
