// GET/PUT /api/unify/v1/trading-config[?broker=] — what fills in what an alert leaves out
import { z } from "zod";
import { withUser } from "@/lib/http/handlers";
import { readJson, readQuery } from "@/lib/http/body";
import { assertCanWrite } from "@/lib/auth/roles";
import { brokerParam } from "@/lib/accounts/schemas";
import { putTradingConfigBody } from "@/lib/sizing/schemas";
import { DEFAULT_SCOPE } from "@/lib/settings/risk-settings";
import { getTradingConfig, saveTradingConfig } from "@/lib/settings/trading-config";

const scopeQuery = z.strictObject({ broker: brokerParam.optional() });

export const GET = withUser(async ({ req, user }) => {
  const { broker } = readQuery(req, scopeQuery);
  return Response.json(await getTradingConfig(user, broker ?? DEFAULT_SCOPE));
});

export const PUT = withUser(async ({ req, user, correlationId }) => {
  assertCanWrite(user);
  const { broker } = readQuery(req, scopeQuery);
  const body = await readJson(req, putTradingConfigBody);
  return Response.json(await saveTradingConfig(user, broker ?? DEFAULT_SCOPE, body, correlationId));
});
