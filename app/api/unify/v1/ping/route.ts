// GET|POST /api/unify/v1/ping — liveness without touching the database (also the benchmark's framework floor)
import { withPublic } from "@/lib/http/handlers";

const pong = withPublic(async () => Response.json({ ok: true }));

export const GET = pong;
export const POST = pong;
