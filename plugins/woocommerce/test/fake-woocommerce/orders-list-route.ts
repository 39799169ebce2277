import type { Request, Response } from "express";
import type { FakeOrder } from "./fake-model.ts";
import type { FakeStore } from "./fake-store.ts";
import { orderJson } from "./order-json.ts";
import { sendError, sendJson } from "./rest-reply.ts";
import type { RestContext } from "./rest-routes.ts";

type Query = Record<string, string | undefined>;

/**
 * `GET /orders` with WordPress's paging: `per_page` 1–100 (default 10), `X-WP-Total`,
 * `X-WP-TotalPages`, a `Link` header, 400 for a page past the last; filters on `modified_after`,
 * `after`, `status`; `orderby` id|date|modified and `order` asc|desc (default date desc).
 */
export function ordersListRoute(ctx: RestContext) {
  return (req: Request, res: Response) => {
    const q = req.query as Query;
    const perPage = q.per_page === undefined ? 10 : Number(q.per_page);
    const page = q.page === undefined ? 1 : Number(q.page);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return sendJson(res, 400, {
        code: "rest_invalid_param",
        message: "Invalid parameter(s): per_page",
        data: {
          status: 400,
          params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" },
        },
      });
    }
    if (!Number.isInteger(page) || page < 1) {
      return sendJson(res, 400, {
        code: "rest_invalid_param",
        message: "Invalid parameter(s): page",
        data: { status: 400 },
      });
    }
    const { total, slice } = selectOrders(ctx.store, q, (page - 1) * perPage, perPage);
    const totalPages = Math.ceil(total / perPage);
    if (page > totalPages && total > 0) {
      return sendError(res, {
        status: 400,
        code: "woocommerce_rest_invalid_page_number",
        message: "The page number requested is larger than the number of pages available.",
      });
    }
    const base = new URL(`${ctx.homeUrl()}/wp-json/wc/v3/orders`);
    for (const [name, value] of Object.entries(q)) {
      if (value && !name.startsWith("oauth_") && !name.startsWith("consumer_"))
        base.searchParams.set(name, value);
    }
    const link = (p: number, rel: string) => {
      base.searchParams.set("page", String(p));
      return `<${base.toString()}>; rel="${rel}"`;
    };
    const links = [
      page > 1 ? link(page - 1, "prev") : "",
      page < totalPages ? link(page + 1, "next") : "",
    ].filter(Boolean);
    res.set("X-WP-Total", String(total));
    res.set("X-WP-TotalPages", String(totalPages));
    if (links.length) res.set("Link", links.join(", "));
    sendJson(
      res,
      200,
      slice.map((o) => orderJson(o, ctx.store.refunds.get(o.id) ?? [], ctx.homeUrl())),
    );
  };
}

function selectOrders(
  store: FakeStore,
  q: Query,
  offset: number,
  limit: number,
): { total: number; slice: FakeOrder[] } {
  const after = (name: string) =>
    q[name] ? new Date(`${q[name]!.replace(/Z$/, "")}Z`).getTime() : undefined;
  const modifiedAfter = after("modified_after");
  const createdAfter = after("after");
  const statuses = q.status && q.status !== "any" ? q.status.split(",") : undefined;
  const orderby = q.orderby ?? "date";
  const direction = q.order === "asc" ? 1 : -1;
  // Orders are kept in id order: an unfiltered listing by id is a slice, not a scan of every order
  // (the benchmark pages through 100,000 of them).
  if (
    !statuses &&
    modifiedAfter === undefined &&
    createdAfter === undefined &&
    orderby === "id" &&
    direction > 0
  ) {
    const ids = store.liveOrderIds();
    return { total: ids.length, slice: ids.slice(offset, offset + limit).map((id) => store.orders.get(id)!) };
  }
  const matches = [...store.orders.values()].filter(
    (o) =>
      o.status !== "trash" &&
      (statuses === undefined || statuses.includes(o.status)) &&
      (modifiedAfter === undefined || o.dateModified.getTime() > modifiedAfter) &&
      (createdAfter === undefined || o.dateCreated.getTime() > createdAfter),
  );
  const key = (o: FakeOrder) =>
    orderby === "id" ? o.id : orderby === "modified" ? o.dateModified.getTime() : o.dateCreated.getTime();
  matches.sort((a, b) => (key(a) - key(b) || a.id - b.id) * direction);
  return { total: matches.length, slice: matches.slice(offset, offset + limit) };
}
