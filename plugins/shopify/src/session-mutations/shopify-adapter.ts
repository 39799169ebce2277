import type { OrderRef, PlatformAdapter, PlatformOutcome } from "@alma-suite/core";
import { settleRefundState } from "@alma-suite/core/flows";
import type { PaymentLink, Storage } from "@alma-suite/core/storage";
import {
  almaModeOf,
  type RejectionCode,
  readSession,
  type SessionRecord,
} from "../payment-session/session-record.ts";
import { readShopSettings } from "../tenants/shop-settings.ts";
import { releaseDuplicateJob } from "./alma-jobs.ts";
import { mutationJob, mutationJobType, mutationKey, resolveKey } from "./mutation-job.ts";
import { rejectionCodeFor } from "./rejection-reason.ts";

const DAY_MS = 86_400_000;
/** Shopify recommends finalising a pending payment within 3 days; Alma decides within one. */
const PENDING_FOR_MS = 2 * DAY_MS;

/**
 * Core's platform contract for Shopify, where an "order" is a payment session. Each method only
 * records the Payments Apps API call as a durable, keyed job (the worker sends it and retries
 * until Shopify answers) and returns at once: the outcome says what Shopify will be told.
 */
export function shopifyAdapter(deps: { storage: Storage; now: () => number }): PlatformAdapter {
  const { storage } = deps;

  async function load(
    input: OrderRef,
  ): Promise<{ link: PaymentLink; session: SessionRecord } | PlatformOutcome> {
    const link = await storage.findPaymentByOrderRef(input.tenantId, input.orderRef);
    const session = link && readSession(link);
    if (!link || !session)
      return {
        status: "rejected",
        reason: "unknown_order",
        detail: `no Shopify payment session ${input.orderRef}`,
      };
    return { link, session };
  }

  /** The resolve job of this session's group, if any, and whether it resolves this very session. */
  async function resolution(link: PaymentLink, session: SessionRecord) {
    const job = await storage.getJobByKey(resolveKey(link.tenantId, session.group));
    if (!job) return "none" as const;
    return mutationJobType.read(job)?.paymentLinkId === link.id ? ("this" as const) : ("other" as const);
  }

  async function enqueueFinal(
    link: PaymentLink,
    session: SessionRecord,
    name: "paymentSessionReject" | "paymentSessionPending",
    variables: Record<string, unknown>,
  ): Promise<boolean> {
    const key = mutationKey(name, session.gid);
    const existed = (await storage.getJobByKey(key)) !== null;
    await storage.enqueue(
      mutationJob(key, { tenantId: link.tenantId, paymentLinkId: link.id, name, variables }),
    );
    return existed;
  }

  async function reject(
    input: OrderRef,
    code: RejectionCode,
    message: string,
    status: "failed" | "cancelled",
  ) {
    const loaded = await load(input);
    if (!("link" in loaded)) return loaded;
    if ((await resolution(loaded.link, loaded.session)) === "this")
      return {
        status: "rejected",
        reason: "invalid_state",
        detail: "the session was already resolved",
      } as const;
    const existed = await enqueueFinal(loaded.link, loaded.session, "paymentSessionReject", {
      id: loaded.session.gid,
      reason: { code, merchantMessage: message.slice(0, 255) },
    });
    return { status, alreadyDone: existed } as const;
  }

  return {
    async markOrderPaid(input) {
      const loaded = await load(input);
      if (!("link" in loaded)) return loaded;
      const { link, session } = loaded;
      const before = await resolution(link, session);
      // The trigger charged an authorised payment: Shopify's capture session says so, not this one.
      if (before === "this") return { status: "paid", alreadyDone: true };
      const tenant = await storage.getTenant(link.tenantId);
      const plan = readShopSettings(tenant?.settings ?? {}).plans.find((p) => p.key === link.planKey);
      const authorizationExpiresAt =
        session.kind === "authorization"
          ? new Date(deps.now() + (plan?.triggerLimitDays ?? 7) * DAY_MS).toISOString()
          : undefined;
      const job = await storage.enqueue(
        mutationJob(resolveKey(link.tenantId, session.group), {
          tenantId: link.tenantId,
          paymentLinkId: link.id,
          name: "paymentSessionResolve",
          variables: { id: session.gid, ...(authorizationExpiresAt ? { authorizationExpiresAt } : {}) },
        }),
      );
      if (mutationJobType.read(job)?.paymentLinkId === link.id) return { status: "paid", alreadyDone: false };
      // Another attempt of the same checkout was resolved first: this payment is a duplicate.
      await releaseDuplicateJob.enqueue(storage, {
        key: `${releaseDuplicateJob.type}:${input.almaPaymentId}`,
        payload: {
          tenantId: link.tenantId,
          almaPaymentId: input.almaPaymentId,
          reference: `duplicate:${link.id}`,
          ...almaModeOf(session),
        },
      });
      await enqueueFinal(link, session, "paymentSessionReject", {
        id: session.gid,
        reason: {
          code: "PROCESSING_ERROR",
          merchantMessage: "Another payment already completed this checkout",
        },
      });
      return {
        status: "rejected",
        reason: "invalid_state",
        detail: "another attempt of this checkout was resolved",
      };
    },

    async markOrderPending(input) {
      const loaded = await load(input);
      if (!("link" in loaded)) return loaded;
      if ((await resolution(loaded.link, loaded.session)) === "this")
        return { status: "paid", alreadyDone: true };
      const existed = await enqueueFinal(loaded.link, loaded.session, "paymentSessionPending", {
        id: loaded.session.gid,
        pendingExpiresAt: new Date(deps.now() + PENDING_FOR_MS).toISOString(),
        reason: "PARTNER_ACTION_REQUIRED",
      });
      return { status: "pending", alreadyDone: existed };
    },

    failOrder(input) {
      return reject(input, rejectionCodeFor(input.reason), input.message, "failed");
    },

    releaseOrder(input) {
      return input.reason === "customer_cancelled"
        ? reject(input, "CANCELLED_PAYMENT", "The buyer cancelled the Alma payment", "cancelled")
        : reject(input, "PROCESSING_ERROR", "The Alma payment expired before the buyer paid", "cancelled");
    },

    async recordRefund(input) {
      const loaded = await load(input);
      if (!("link" in loaded)) return loaded;
      const { link } = loaded;
      // A refund we made ourselves (the merchant dashboard's) is already recorded under its Alma id:
      // recording it again would count it twice.
      const ours = await storage.findRefundByAlmaId(link.tenantId, input.almaRefundId);
      const fromDashboard = ours !== null && ours.platformRefundRef !== `alma:${input.almaRefundId}`;
      const told = async () =>
        (await storage.listPaymentEvents(link.tenantId, link.id)).some(
          (e) => e.type === "refund.recorded_from_alma" && e.data.almaRefundId === input.almaRefundId,
        );
      const result = ours
        ? {
            outcome: fromDashboard && !(await told()) ? ("created" as const) : ("existing" as const),
            refund: ours,
          }
        : await storage.createRefund({
            tenantId: link.tenantId,
            paymentLinkId: link.id,
            platformRefundRef: `alma:${input.almaRefundId}`,
            amountCents: input.amountCents,
            origin: "alma",
            almaRefundId: input.almaRefundId,
            state: "succeeded",
          });
      if (result.outcome === "unknown_payment")
        return { status: "rejected", reason: "unknown_order", detail: `no payment link ${link.id}` };
      if (result.outcome === "exceeds_refundable")
        return {
          status: "rejected",
          reason: "refund_exceeds_paid",
          detail: `${input.amountCents} cents exceed the ${result.refundableCents} cents still refundable`,
        };
      if (result.outcome === "existing") return { status: "refunded", alreadyDone: true };
      await settleRefundState(storage, link, SHOPIFY_REFUNDABLE);
      // Payments apps cannot create refunds in Shopify. The dashboard sends Shopify merchants to
      // their admin to refund (refundElsewhere); this only records a refund made at Alma otherwise.
      await storage.appendPaymentEvent({
        tenantId: link.tenantId,
        paymentLinkId: link.id,
        type: "refund.recorded_from_alma",
        data: { almaRefundId: input.almaRefundId, amountCents: input.amountCents, shopifyUpdated: false },
      });
      return { status: "refunded", alreadyDone: false };
    },
  };
}

/** Shopify refunds sessions it may still see as authorised or pending, as well as paid ones. */
export const SHOPIFY_REFUNDABLE = ["paid", "partially_refunded", "authorized", "pending"] as const;
