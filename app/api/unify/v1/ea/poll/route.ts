// POST /api/unify/v1/ea/poll — the MetaTrader EA reports its account and collects its queued commands
import { withPublic } from "@/lib/http/handlers";
import { readSignedEaRequest } from "@/lib/ea/read-signed-request";
import { handlePoll } from "@/lib/ea/handle-poll";
import { eaPollBody } from "@/lib/ea/schemas";

export const dynamic = "force-dynamic";

export const POST = withPublic(async ({ req }) => {
  const { device, body } = await readSignedEaRequest(req, eaPollBody);
  const answer = await handlePoll(device, body, { sealRequested: req.headers.get("x-seal-commands") === "1" });
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
});
