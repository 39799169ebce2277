import { Router } from "express";
import { z } from "zod";
import { MERCHANT_REF } from "../bridge/set-up-demo.ts";
import { type CartLine, cartLines, cartTotal } from "../cart/cart.ts";
import type { DemoContext } from "../demo-context.ts";
import { textOf } from "../demo-text.ts";
import { readCart, sendPage, sessionOf } from "../http-helpers.ts";
import { checkoutPage, type EligiblePlan } from "../pages/checkout-page.ts";

const checkoutForm = z.object({
  plan: z.string().regex(/^general_\d+_\d+_\d+$/, "choose a plan"),
  first_name: z.string().trim().min(1).max(100),
  last_name: z.string().trim().min(1).max(100),
  email: z.email().max(200),
});

function bridgeItems(lines: readonly CartLine[]) {
  return lines.map((line) => ({
    sku: line.product.slug,
    title: line.product.name,
    quantity: line.quantity,
    unit_price: line.product.priceCents,
    line_price: line.lineCents,
  }));
}

/** Checkout: plans from the bridge, then an order and a bridge checkout that sends the customer to Alma. */
export function checkoutRoutes(ctx: DemoContext): Router {
  const router = Router();
  const base = `/merchants/${MERCHANT_REF}/checkouts`;

  async function eligiblePlans(lines: readonly CartLine[], token: string): Promise<EligiblePlan[]> {
    // Without `plan` the bridge only answers which plans fit; the URLs and reference are required but unused.
    const answer = await ctx.bridge(token, "POST", base, {
      body: {
        order_reference: "eligibility-preview",
        amount: cartTotal(lines),
        currency: "EUR",
        items: bridgeItems(lines),
        return_url: `${ctx.publicUrl}/demo/cart`,
        cancel_url: `${ctx.publicUrl}/demo/cart`,
      },
    });
    if (answer.status !== 200) throw new Error(`bridge eligibility answered ${answer.status}`);
    return answer.body.plans as EligiblePlan[];
  }

  router.get("/checkout", async (req, res) => {
    const lines = cartLines(readCart(req));
    if (lines.length === 0) return res.redirect(303, "/demo/cart");
    const setup = await ctx.ready();
    const plans = await eligiblePlans(lines, setup.agencyToken);
    const text = textOf(res);
    sendPage(req, res, {
      title: text.t("checkout.title"),
      body: checkoutPage(text, { lines, totalCents: cartTotal(lines), plans }),
    });
  });

  router.post("/checkout", async (req, res) => {
    const lines = cartLines(readCart(req));
    if (lines.length === 0) return res.redirect(303, "/demo/cart");
    const setup = await ctx.ready();
    const form = checkoutForm.safeParse(req.body);
    const text = textOf(res);
    const { t } = text;
    const again = async (status: number, error: string, plans?: EligiblePlan[]) =>
      sendPage(req, res, {
        status,
        title: t("checkout.title"),
        body: checkoutPage(text, {
          lines,
          totalCents: cartTotal(lines),
          plans: plans ?? (await eligiblePlans(lines, setup.agencyToken)),
          error,
        }),
      });
    if (!form.success) {
      const field = String(form.error.issues[0]?.path[0] ?? "form");
      ctx.logger.warn({ field }, "demo store: bad checkout form");
      return again(
        400,
        t("checkout.badField", { field: t(`checkout.fields.${field}`, { defaultValue: field }) }),
      );
    }
    const amountCents = cartTotal(lines);
    // The plan as Alma offers it now: its schedule is what the order page shows the shopper. A plan
    // Alma does not offer has none, and the bridge refuses the checkout below.
    const plans = await eligiblePlans(lines, setup.agencyToken);
    const chosen = plans.find((plan) => plan.eligible && plan.plan === form.data.plan);
    const order = await ctx.orders.create({
      sessionId: sessionOf(res),
      items: lines.map((l) => ({
        slug: l.product.slug,
        name: l.product.name,
        quantity: l.quantity,
        unitCents: l.product.priceCents,
      })),
      amountCents,
      plan: form.data.plan,
      schedule: (chosen?.instalments ?? [])
        .filter((line) => typeof line.due_date === "string")
        .map((line) => ({ dueDate: String(line.due_date), amountCents: line.amount })),
    });
    const back = `${ctx.publicUrl}/demo/orders/${order.id}/return`;
    const answer = await ctx.bridge(setup.agencyToken, "POST", base, {
      idempotencyKey: `demo-checkout-${order.id}`,
      body: {
        order_reference: order.number,
        amount: amountCents,
        currency: "EUR",
        plan: form.data.plan,
        customer: {
          first_name: form.data.first_name,
          last_name: form.data.last_name,
          email: form.data.email,
        },
        billing_address: { country: "FR" },
        items: bridgeItems(lines),
        return_url: back,
        cancel_url: back,
        // Alma's hosted page speaks the shopper's language.
        locale: text.locale,
        metadata: { demo_order_id: order.id },
      },
    });
    if (answer.status !== 201 || typeof answer.body?.redirect_url !== "string") {
      await ctx.orders.applyPayment(order.id, { status: "cancelled", refundedCents: 0 });
      ctx.logger.warn(
        { order: order.number, status: answer.status, type: answer.body?.type },
        "demo store: checkout refused",
      );
      return again(
        422,
        t("checkout.refused", { detail: answer.body?.detail ?? t("checkout.refusedDefault") }),
      );
    }
    await ctx.orders.setPayment(order.id, String(answer.body.payment.id));
    res.redirect(303, answer.body.redirect_url);
  });

  return router;
}
