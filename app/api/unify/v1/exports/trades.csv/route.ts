// GET /api/unify/v1/exports/trades.csv — closed trades as a CSV download (?from=&to=&broker=)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { analyticsRangeQuery } from "@/lib/analytics/schemas";
import { exportTrades } from "@/lib/analytics/export-trades";

export const GET = withUser(async ({ req, user }) => {
  const { filename, csv } = await exportTrades(user, readQuery(req, analyticsRangeQuery));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${filename}"`,
      // Trade history is private: no shared or browser cache may keep a copy.
      "cache-control": "private, no-store",
    },
  });
});
