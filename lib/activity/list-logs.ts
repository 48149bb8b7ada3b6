import type { z } from "zod";
import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { logsQuery } from "./schemas";

export type LogView = { id: number; level: string; type: string; message: string; data: unknown; correlation_id: string | null; created_at: string };

/** The caller's activity log, newest first, with level/type/correlation filters; `after` for live tail. */
export async function listLogs(user: SessionUser, q: z.infer<typeof logsQuery>): Promise<{ logs: LogView[]; next_cursor: string | null }> {
  const rows = await asUser(user.claims, (tx) =>
    tx.query<Omit<LogView, "created_at"> & { created_at: Date }>(
      `select id, level, type, message, data, correlation_id, created_at from public.logs
       where user_id = $1 and ($2::text is null or level = $2) and ($3::text is null or type = $3)
         and ($4::text is null or correlation_id = $4) and ($5::bigint is null or id < $5) and ($6::bigint is null or id > $6)
       order by id desc limit $7`,
      [user.id, q.level ?? null, q.type ?? null, q.correlation_id ?? null, q.cursor ?? null, q.after ?? null, q.limit + 1],
    ),
  );
  const page = rows.slice(0, q.limit);
  return {
    logs: page.map((r) => ({ ...r, created_at: r.created_at.toISOString() })),
    next_cursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}
