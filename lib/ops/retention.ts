import { asService } from "@/lib/db/service";

/** What is kept how long (product.md: 90-day log retention). */
export const RETENTION = {
  logsDays: 90,
  webhookEventsDays: 90,
  signaturesMinutes: 10,
  idempotencyHours: 24,
} as const;

/** Deletes what has outlived its retention; returns how many rows went, per table. */
export async function applyRetention(now = new Date()): Promise<Record<string, number>> {
  const t = now.getTime();
  const before = (ms: number) => new Date(t - ms);
  return asService(async (tx) => {
    const del = async (sql: string, at: Date) => (await tx.query(`${sql} returning 1`, [at])).length;
    return {
      logs: await del("delete from public.logs where created_at < $1", before(RETENTION.logsDays * 86_400_000)),
      webhook_events: await del("delete from public.webhook_events where created_at < $1", before(RETENTION.webhookEventsDays * 86_400_000)),
      webhook_signatures: await del("delete from public.webhook_signatures where seen_at < $1", before(RETENTION.signaturesMinutes * 60_000)),
      idempotency_keys: await del("delete from public.idempotency_keys where created_at < $1", before(RETENTION.idempotencyHours * 3_600_000)),
      sessions: await del("delete from public.sessions where expires_at < $1", now),
    };
  });
}
