/**
 * The order-history reads of the Tradovate fake (API reference, REST API endpoints ›
 * Orders): `command/list`, `command/item?id=`, `command/deps?masterid=<order id>`,
 * `order/item?id=`, `orderVersion/deps?masterid=<order id>`, `fill/deps?masterid=<order id>`.
 * `id` and `masterid` are documented as required longs; a request without one is a
 * client mistake and is recorded as a violation.
 */
import type { FakeReply, LoggedRequest } from "./fake-server";
import { commandView, orderVersionView } from "./tradovate-commands";
import { orderView } from "./tradovate-data";
import type { TvState } from "./tradovate-routes";

const json = (body: unknown): FakeReply => ({ status: 200, body });
// Lookups of one entity by an id that does not exist answer 404, like the fake's other `…/item` routes.
const notFound: FakeReply = { status: 404, text: "Not found" };

/** The required long query parameter `name`, or the reply to a request that lacks it. */
function longParam(state: TvState, req: LoggedRequest, name: "id" | "masterid"): number | FakeReply {
  const raw = req.query.get(name);
  if (raw !== null && /^\d+$/.test(raw)) return Number(raw);
  state.log.violate(req, `query parameter ${name} (long) is required${raw === null ? "" : `, got "${raw}"`}`);
  return { status: 400, text: "Bad Request" };
}

/** Answers the order-history reads; undefined for any other route. */
export function orderReads(state: TvState, req: LoggedRequest, route: string): FakeReply | undefined {
  const { book } = state;
  switch (route) {
    case "GET /command/list":
      return json(book.commands.map(commandView));
    case "GET /command/item": {
      const id = longParam(state, req, "id");
      if (typeof id !== "number") return id;
      const command = book.commands.find((c) => c.id === id);
      return command ? json(commandView(command)) : notFound;
    }
    case "GET /command/deps": {
      const orderId = longParam(state, req, "masterid");
      return typeof orderId === "number" ? json(book.commands.filter((c) => c.orderId === orderId).map(commandView)) : orderId;
    }
    case "GET /order/item": {
      const id = longParam(state, req, "id");
      if (typeof id !== "number") return id;
      const order = book.orders.find((o) => o.id === id);
      return order ? json(orderView(order)) : notFound;
    }
    case "GET /orderversion/deps": {
      const orderId = longParam(state, req, "masterid");
      if (typeof orderId !== "number") return orderId;
      const order = book.orders.find((o) => o.id === orderId);
      return json(order ? [orderVersionView(order)] : []);
    }
    case "GET /fill/deps": {
      const orderId = longParam(state, req, "masterid");
      return typeof orderId === "number" ? json(book.fills.filter((f) => f.orderId === orderId)) : orderId;
    }
    default:
      return undefined;
  }
}
