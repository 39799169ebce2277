import { Router } from "express";
import { bridgePaymentSchema } from "../bridge/bridge-payment.ts";
import { MERCHANT_REF } from "../bridge/set-up-demo.ts";
import type { DemoContext } from "../demo-context.ts";
import { type DemoText, textOf } from "../demo-text.ts";
import { sendPage, sessionOf, writeCart } from "../http-helpers.ts";
import { isOrderStatus } from "../orders/order-status.ts";
import type { DemoOrder } from "../orders/order-store.ts";
import { messagePage } from "../pages/message-page.ts";
import { orderPage, refundConfirmPage } from "../pages/order-page.ts";
import { ordersPage } from "../pages/orders-page.ts";

/** Order history, the page Alma sends the customer back to, and refunds. */
export function orderRoutes(ctx: DemoContext): Router {
  const router = Router();
  const notFound = (req: Parameters<typeof sendPage>[0], res: Parameters<typeof sendPage>[1]) => {
    const text = textOf(res);
    sendPage(req, res, {
      status: 404,
      title: text.t("message.notFound"),
      body: messagePage(text, text.t("order.notFoundTitle"), text.t("order.notFoundBody")),
    });
  };

  /** Asks the bridge where the payment stands (the query string of a return is not proof). */
  async function sync(order: DemoOrder): Promise<DemoOrder> {
    if (!order.paymentId) return order;
    const setup = await ctx.ready();
    const answer = await ctx.bridge(
      setup.agencyToken,
      "GET",
      `/merchants/${MERCHANT_REF}/payments/${order.paymentId}`,
    );
    if (answer.status !== 200) throw new Error(`bridge payment lookup answered ${answer.status}`);
    const payment = bridgePaymentSchema.safeParse(answer.body);
    if (!payment.success) throw new Error("bridge payment lookup answered a payment it does not describe");
    const { status, refunded_amount } = payment.data;
    if (!isOrderStatus(status)) return order;
    return (await ctx.orders.applyPayment(order.id, { status, refundedCents: refunded_amount })) ?? order;
  }

  router.get("/orders", async (req, res) => {
    const text = textOf(res);
    sendPage(req, res, {
      title: text.t("orders.pageTitle"),
      body: ordersPage(text, await ctx.orders.listForSession(sessionOf(res))),
    });
  });

  router.get("/orders/:id", async (req, res) => {
    const order = await ctx.orders.getForSession(req.params.id, sessionOf(res));
    if (!order) return notFound(req, res);
    const attemptFailed = req.query.attempt === "failed" && order.status === "cancelled";
    const refundDone = req.query.refund === "done" && order.refundedCents > 0;
    const text = textOf(res);
    sendPage(req, res, {
      title: text.t("order.title", { number: order.number }),
      body: orderPage(text, order, undefined, { attemptFailed, refundDone }),
    });
  });

  router.get("/orders/:id/return", async (req, res) => {
    const found = await ctx.orders.getForSession(req.params.id, sessionOf(res));
    if (!found) return notFound(req, res);
    // Back through the hosted page's cancel link, the bridge leaves the payment open (the customer
    // could still pay it); this shop closes the order instead, as most shops do. Safe whatever the
    // query string says: the bridge refuses to cancel a payment that is already paid.
    // A failed attempt (3-D Secure, funds) comes back as status=failed: the bridge payment is still
    // open, but the customer chose to come back, so the shop closes it the same way and says why.
    const failed = req.query.status === "failed";
    if ((req.query.status === "cancelled" || failed) && found.status === "pending" && found.paymentId) {
      const setup = await ctx.ready();
      const path = `/merchants/${MERCHANT_REF}/payments/${found.paymentId}/cancel`;
      const answer = await ctx.bridge(setup.agencyToken, "POST", path, { body: {} });
      if (answer.status !== 200)
        ctx.logger.warn({ order: found.number, status: answer.status }, "demo store: cancel refused");
    }
    const order = await sync(found);
    if (order.status === "paid" || order.status === "authorized") writeCart(res, new Map());
    const attemptFailed = failed && order.status === "cancelled";
    res.redirect(303, `/demo/orders/${order.id}${attemptFailed ? "?attempt=failed" : ""}`);
  });

  // A refund is asked twice: the button opens a page that says what will happen, its form refunds.
  router.get("/orders/:id/refund", async (req, res) => {
    const order = await ctx.orders.getForSession(req.params.id, sessionOf(res));
    if (!order?.paymentId) return notFound(req, res);
    const text = textOf(res);
    sendPage(req, res, {
      title: text.t("order.refundTitle", { number: order.number }),
      body: refundConfirmPage(text, order),
    });
  });

  router.post("/orders/:id/refund", async (req, res) => {
    const order = await ctx.orders.getForSession(req.params.id, sessionOf(res));
    if (!order?.paymentId) return notFound(req, res);
    const form = (req.body ?? {}) as Record<string, unknown>;
    if (form.confirm !== "yes") return res.redirect(303, `/demo/orders/${order.id}/refund`);
    const setup = await ctx.ready();
    const answer = await ctx.bridge(
      setup.agencyToken,
      "POST",
      `/merchants/${MERCHANT_REF}/payments/${order.paymentId}/refunds`,
      {
        // The reference makes a double click refund once.
        body: {
          amount: "full",
          reference: `${order.number}-R${order.refundedCents}`,
          comment: "Refunded from the demo store",
        },
      },
    );
    if (answer.status >= 300) {
      ctx.logger.warn(
        { order: order.number, status: answer.status, type: answer.body?.type },
        "demo store: refund refused",
      );
      const text = textOf(res);
      return sendPage(req, res, {
        status: answer.status >= 500 ? 502 : 409,
        title: text.t("order.title", { number: order.number }),
        body: orderPage(text, order, refundProblem(text, answer.body)),
      });
    }
    await sync(order);
    res.redirect(303, `/demo/orders/${order.id}?refund=done`);
  });

  return router;
}

/** The customer's words for the bridge's refusal. */
function refundProblem(text: DemoText, body: { type?: string; detail?: string } | null): string {
  // Right after the return the bridge may still be recording the payment as paid (its webhook
  // follows): a moment later the same refund goes through.
  if (body?.type?.endsWith("/invalid-state")) return text.t("order.stillConfirming");
  return text.t("order.refundFailed", { detail: body?.detail ?? text.t("order.refundFailedDefault") });
}
