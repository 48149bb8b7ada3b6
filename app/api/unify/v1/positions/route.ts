// GET /api/unify/v1/positions — the caller's positions (?broker=&symbol=&status=open|closed|all)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { positionsQuery } from "@/lib/trading/schemas";
import { listPositions } from "@/lib/trading/list-positions";

export const GET = withUser(async ({ req, user }) => Response.json({ positions: await listPositions(user, readQuery(req, positionsQuery)) }));
