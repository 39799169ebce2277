import { type ConfirmOutcome, confirmPayment } from "@alma-suite/core/flows";
import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { defineOperation, type Operation, type OpResult, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { checkoutCustomOf } from "../payments/payment-view.ts";

const PID = /^payment_[A-Za-z0-9]{1,64}$/;

type Landing = { page: "return" | "cancel"; status: string };

/** Where the customer goes, and what we tell the shop in the query string. */
type CameBackFrom = "return" | "cancel" | "failure";

function landingFor(outcome: ConfirmOutcome | undefined, cameBackFrom: CameBackFrom): Landing {
  switch (outcome?.status) {
    case "paid":
      return { page: "return", status: "accepted" };
    case "authorized":
      return { page: "return", status: "accepted" };
    case "pending":
      return { page: "return", status: "pending" };
    case "failed":
      return { page: "cancel", status: "refused" };
    case "released":
      return { page: "cancel", status: "expired" };
    default:
      // Not decided yet: back from the hosted page means "wait for the webhook", from its cancel link
      // "gave up", from its failure link "this attempt failed" (3-D Secure, funds, card type: Alma
      // leaves the payment open for another card, but the customer chose to go back to the shop).
      if (cameBackFrom === "return") return { page: "return", status: "processing" };
      return cameBackFrom === "failure"
        ? { page: "cancel", status: "failed" }
        : { page: "cancel", status: "cancelled" };
  }
}

/**
 * The customer's browser coming back from Alma (`?pid=` appended by Alma). The payment is
 * confirmed with Alma (never from the URL alone) and the customer sent on to the shop's page.
 * Giving up on the hosted page leaves the payment open until it expires: the customer may still
 * come back and pay, and the shop hears `payment.expired` otherwise.
 */
async function customerReturn(
  ctx: BridgeContext,
  input: { tenantId: string; pid?: string; payment?: string; from: CameBackFrom },
): Promise<OpResult> {
  if (input.pid !== undefined && !PID.test(input.pid)) {
    return problem("validation_error", "malformed pid", { field: "pid" });
  }
  if (input.pid === undefined && input.payment === undefined) {
    return problem("validation_error", "pid (or payment) is required", { field: "pid" });
  }
  const tenant = await ctx.storage.getTenant(input.tenantId);
  const link =
    tenant?.platform !== "bridge"
      ? null
      : input.pid !== undefined
        ? await ctx.storage.findPaymentByAlmaId(tenant.id, input.pid)
        : await ctx.storage.getPaymentLink(tenant.id, input.payment ?? "");
  const custom = link ? checkoutCustomOf(link) : undefined;
  if (!link?.almaPaymentId || !custom)
    return problem("payment_not_found", "unknown payment", { field: "pid" });
  const almaPaymentId = link.almaPaymentId;
  let outcome: ConfirmOutcome | undefined;
  try {
    outcome = await confirmPayment(
      { storage: ctx.storage, alma: await ctx.almaFor(link.tenantId, { mode: link.almaMode }) },
      { tenantId: link.tenantId, almaPaymentId, source: "return" },
    );
  } catch (error) {
    // Alma unreachable: the IPN or reconciliation will settle it; the customer must not see an error page.
    ctx.logger.warn(
      { tenantId: link.tenantId, pid: almaPaymentId, err: String(error) },
      "confirmation on return failed",
    );
  }
  const landing = landingFor(outcome, input.from);
  const target = new URL(landing.page === "return" ? custom.return_url : custom.cancel_url);
  target.searchParams.set("payment_id", link.id);
  target.searchParams.set("order_reference", link.platformOrderRef);
  target.searchParams.set("status", landing.status);
  return ok(303, undefined, { Location: target.toString() });
}

export function customerReturnOperations(ctx: BridgeContext): Operation[] {
  const params = z.object({ tenantId: z.string() });
  const query = z.object({
    pid: z.string().optional().describe("Added by Alma"),
    payment: z.string().optional().describe("Our payment id, on the failure return where Alma adds no pid"),
  });
  const responses = {
    303: {
      description:
        "To the shop's return_url (accepted, pending, processing) or cancel_url (refused, expired, cancelled, failed)",
    },
  };
  return [
    defineOperation({
      id: "customerReturn",
      method: "get",
      path: "/return/:tenantId",
      summary: "Alma's return_url: the customer back from the hosted page",
      tag: "Customer",
      auth: "public",
      params,
      query,
      responses,
      problems: ["payment_not_found"],
      handle: ({ params: p, query: q }) =>
        customerReturn(ctx, { ...q, tenantId: p.tenantId, from: "return" }),
    }),
    defineOperation({
      id: "customerFailure",
      method: "get",
      path: "/failure/:tenantId",
      summary:
        "Alma's failure_return_url: the customer left the hosted page after a failed attempt (status=failed unless Alma decided)",
      tag: "Customer",
      auth: "public",
      params,
      query,
      responses,
      problems: ["payment_not_found"],
      handle: ({ params: p, query: q }) =>
        customerReturn(ctx, { ...q, tenantId: p.tenantId, from: "failure" }),
    }),
    defineOperation({
      id: "customerCancel",
      method: "get",
      path: "/cancel/:tenantId",
      summary: "Alma's customer_cancel_url: the customer gave up on the hosted page",
      tag: "Customer",
      auth: "public",
      params,
      query,
      responses,
      problems: ["payment_not_found"],
      handle: ({ params: p, query: q }) =>
        customerReturn(ctx, { ...q, tenantId: p.tenantId, from: "cancel" }),
    }),
  ];
}
