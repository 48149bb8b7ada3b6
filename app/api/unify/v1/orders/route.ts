// GET /api/unify/v1/orders — the caller's orders, newest first (?status=&symbol=&limit=&cursor=)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { ordersQuery } from "@/lib/trading/schemas";
import { listOrders } from "@/lib/trading/list-orders";

export const GET = withUser(async ({ req, user }) => Response.json(await listOrders(user, readQuery(req, ordersQuery))));
