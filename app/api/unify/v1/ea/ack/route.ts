// POST /api/unify/v1/ea/ack — the MetaTrader EA reports the outcome of one command
import { withPublic } from "@/lib/http/handlers";
import { readSignedEaRequest } from "@/lib/ea/read-signed-request";
import { handleAck } from "@/lib/ea/handle-ack";
import { eaAckBody } from "@/lib/ea/schemas";

export const dynamic = "force-dynamic";

export const POST = withPublic(async ({ req }) => {
  const { device, body } = await readSignedEaRequest(req, eaAckBody);
  return Response.json(await handleAck(device, body));
});
