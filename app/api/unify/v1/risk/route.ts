// GET/PUT/DELETE /api/unify/v1/risk[?broker=] — risk rules, with per-broker overrides
import { z } from "zod";
import { withUser } from "@/lib/http/handlers";
import { readJson, readQuery } from "@/lib/http/body";
import { assertCanWrite } from "@/lib/auth/roles";
import { brokerParam } from "@/lib/accounts/schemas";
import { putRiskBody } from "@/lib/risk/schemas";
import { DEFAULT_SCOPE, deleteRiskOverride, getRiskSettings, saveRiskSettings } from "@/lib/settings/risk-settings";
import { AppError } from "@/lib/http/errors";

const scopeQuery = z.strictObject({ broker: brokerParam.optional() });

export const GET = withUser(async ({ req, user }) => {
  const { broker } = readQuery(req, scopeQuery);
  return Response.json(await getRiskSettings(user, broker ?? DEFAULT_SCOPE));
});

export const PUT = withUser(async ({ req, user, correlationId }) => {
  assertCanWrite(user);
  const { broker } = readQuery(req, scopeQuery);
  const body = await readJson(req, putRiskBody);
  return Response.json(await saveRiskSettings(user, broker ?? DEFAULT_SCOPE, body, correlationId));
});

export const DELETE = withUser(async ({ req, user }) => {
  assertCanWrite(user);
  const { broker } = readQuery(req, scopeQuery);
  if (!broker) throw new AppError("invalid_request", "broker: name the broker whose override to remove", { errors: [{ path: "broker", message: "is required" }] });
  await deleteRiskOverride(user, broker);
  return new Response(null, { status: 204 });
});
