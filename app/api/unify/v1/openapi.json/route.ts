// GET /api/unify/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas
import { withPublic } from "@/lib/http/handlers";
import { openApiDocument } from "@/lib/http/openapi";

export const GET = withPublic(async () => Response.json(openApiDocument()));
