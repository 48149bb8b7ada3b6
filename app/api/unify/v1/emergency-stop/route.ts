// POST /api/unify/v1/emergency-stop — disable every account, cancel orders, flatten everything
import { withUser } from "@/lib/http/handlers";
import { assertCanWrite } from "@/lib/auth/roles";
import { emergencyStop } from "@/lib/trading/emergency-stop";

export const POST = withUser(async ({ user, correlationId }) => {
  assertCanWrite(user);
  return Response.json(await emergencyStop(user, correlationId));
});
