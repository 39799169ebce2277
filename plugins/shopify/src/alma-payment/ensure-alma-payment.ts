import type { AlmaClient, Payment } from "@alma-suite/core";
import { AlmaError } from "@alma-suite/core";
import { mayHaveCreated } from "@alma-suite/core/flows";
import {
  modifyPaymentLink,
  type PaymentLink,
  type PaymentPatch,
  type Storage,
} from "@alma-suite/core/storage";
import type { PageLinks } from "../checkout-pages/page-links.ts";
import { type Offer, readSession, sessionCustom } from "../payment-session/session-record.ts";
import { almaPaymentInput } from "./alma-payment-input.ts";

/**
 * A claim older than this with no payment saved means its holder died or gave up: creations run
 * under ALMA_INTERACTIVE's few-second budget, and a buyer retrying should not wait minutes.
 */
const STALE_CLAIM_MS = 15_000;

export type EnsureResult =
  | { ok: true; almaPaymentId: string; url: string }
  | { ok: false; reason: "busy" | "unknown_link" | "unknown_plan" };

interface Deps {
  storage: Storage;
  alma: AlmaClient;
  publicUrl: string;
  links: PageLinks;
  now: () => number;
  /** How long a caller that lost the claim waits for the winner's payment. */
  waitMs?: number;
}

/**
 * The one Alma payment of a session, created at most once however many requests race (Shopify
 * retries, a double click on the plan picker, several server instances). A durable claim per
 * generation elects the creator; if a creator dies before saving, a later caller looks the payment
 * up at Alma by its `payment_link_id` and adopts it, or opens the next generation. `offers`, when
 * the caller has just chosen the session's plans, are recorded in the claim's own transaction.
 */
export async function ensureAlmaPayment(
  deps: Deps,
  input: { tenantId: string; linkId: string; planKey: string; offers?: Offer[] },
): Promise<EnsureResult> {
  for (let round = 0; round < 3; round++) {
    const claimedAt = deps.now();
    const step = await claimCreation(deps.storage, input, claimedAt, round === 0 ? input.offers : undefined);
    if (step.kind === "answered") return step.result;
    const { link, creation } = step;
    if (step.kind === "won") {
      // The previous creator gave up not knowing whether Alma made the payment: look first.
      const earlier =
        creation.lookFrom === null ? undefined : await findAtAlma(deps.alma, link.id, creation.lookFrom);
      if (earlier) return save(deps.storage, link.id, input.tenantId, input.planKey, earlier);
      return create(deps, link, input.planKey, { ...creation, claimedAt });
    }
    const saved = await waitForPayment(deps, link);
    if (saved) return saved;
    if (creation.claimedAt === null || deps.now() - creation.claimedAt < STALE_CLAIM_MS)
      return { ok: false, reason: "busy" };
    const adopted = await findAtAlma(deps.alma, link.id, creation.claimedAt);
    if (adopted) return save(deps.storage, link.id, input.tenantId, input.planKey, adopted);
    await replaceCreation(deps.storage, link, creation, {
      generation: creation.generation + 1,
      claimedAt: null,
      lookFrom: null,
    });
  }
  return { ok: false, reason: "busy" };
}

type ClaimStep =
  | { kind: "answered"; result: EnsureResult }
  | { kind: "won" | "lost"; link: PaymentLink; creation: Creation };

/**
 * One transaction, the link's row locked: records the caller's offers if any, then answers at
 * once (a payment already saved, an unknown link or plan) or claims the creation's current
 * generation. The claim and its time are written together: a claim without a time would never go
 * stale, and every later request of the session would be told "busy" for good.
 */
async function claimCreation(
  storage: Storage,
  input: { tenantId: string; linkId: string; planKey: string },
  claimedAt: number,
  offers: Offer[] | undefined,
): Promise<ClaimStep> {
  let step: ClaimStep = { kind: "answered", result: { ok: false, reason: "unknown_link" } };
  await modifyPaymentLink(storage, input.tenantId, input.linkId, async (current, tx) => {
    const stored = readSession(current);
    if (!stored) return null;
    const session = offers ? { ...stored, offers } : stored;
    const link = offers ? { ...current, custom: sessionCustom(current, session) } : current;
    const offersOnly: PaymentPatch | null = offers ? { custom: link.custom } : null;
    if (link.almaPaymentId && session.almaUrl) {
      step = {
        kind: "answered",
        result: { ok: true, almaPaymentId: link.almaPaymentId, url: session.almaUrl },
      };
      return null;
    }
    if (!session.offers?.some((o) => o.planKey === input.planKey)) {
      step = { kind: "answered", result: { ok: false, reason: "unknown_plan" } };
      return offersOnly;
    }
    const creation = readCreation(link);
    if (!(await tx.markNotificationProcessed(`shopify:alma-create:${link.id}:${creation.generation}`))) {
      step = { kind: "lost", link, creation };
      return offersOnly;
    }
    step = { kind: "won", link, creation };
    return creationPatch(link, { ...creation, claimedAt });
  });
  return step;
}

async function create(
  deps: Deps,
  link: PaymentLink,
  planKey: string,
  creation: Creation,
): Promise<EnsureResult> {
  const session = readSession(link)!;
  const offer = session.offers!.find((o) => o.planKey === planKey)!;
  try {
    const payment = await deps.alma.payments.create(
      almaPaymentInput({
        publicUrl: deps.publicUrl,
        failureReturnUrl: deps.links.checkoutUrl(link.tenantId, link.id),
        cancelUrl: deps.links.cancelUrl(link.tenantId, link.id),
        tenantId: link.tenantId,
        linkId: link.id,
        sessionId: link.platformOrderRef,
        amountCents: link.amountCents,
        session,
        offer,
      }),
    );
    return save(deps.storage, link.id, link.tenantId, planKey, payment);
  } catch (error) {
    // The claim passes on at once so the buyer's retry need not wait for it to go stale. Alma
    // refused the request or never got it: nothing was created. Otherwise (a timeout, a 5xx) the
    // next creator looks for this attempt's payment at Alma before making one.
    if (error instanceof AlmaError) {
      const lookFrom = mayHaveCreated(error) ? (creation.lookFrom ?? creation.claimedAt) : creation.lookFrom;
      await replaceCreation(deps.storage, link, creation, {
        generation: creation.generation + 1,
        claimedAt: null,
        lookFrom,
      });
    }
    throw error;
  }
}

async function save(
  storage: Storage,
  linkId: string,
  tenantId: string,
  planKey: string,
  payment: Payment,
): Promise<EnsureResult> {
  // The payment and its event are written together, so the timeline never misses a payment.
  const saved = await storage.transaction(async (tx) => {
    const updated = await modifyPaymentLink(tx, tenantId, linkId, (current) => {
      const session = readSession(current);
      if (!session) return null;
      const record = {
        ...session,
        almaUrl: payment.url,
        // Alma has the buyer's details now; ours are no longer needed.
        customer: null,
        // A session that offered one plan sends the buyer straight here: a retried Shopify request
        // gets this answer. One that offered several has its picker's address recorded already.
        redirectUrl: session.redirectUrl ?? payment.url,
      };
      return { almaPaymentId: payment.id, planKey, custom: sessionCustom(current, record) };
    });
    if (updated)
      await tx.appendPaymentEvent({
        tenantId,
        paymentLinkId: linkId,
        type: "alma.payment_created",
        data: { almaPaymentId: payment.id, planKey },
      });
    return updated;
  });
  if (!saved) return { ok: false, reason: "unknown_link" };
  return { ok: true, almaPaymentId: payment.id, url: payment.url };
}

async function waitForPayment(deps: Deps, link: PaymentLink): Promise<EnsureResult | undefined> {
  const until = Date.now() + (deps.waitMs ?? 8000);
  for (;;) {
    const current = await deps.storage.getPaymentLink(link.tenantId, link.id);
    const session = current && readSession(current);
    if (current?.almaPaymentId && session?.almaUrl)
      return { ok: true, almaPaymentId: current.almaPaymentId, url: session.almaUrl };
    if (Date.now() >= until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Alma lists newest first; a payment made for this link is no older than its claim. */
async function findAtAlma(alma: AlmaClient, linkId: string, claimedAt: number): Promise<Payment | undefined> {
  const since = Math.floor(claimedAt / 1000) - 60;
  for await (const payment of alma.payments.listAll({ limit: 100 })) {
    const custom = payment.custom_data as { payment_link_id?: unknown } | null;
    if (custom?.payment_link_id === linkId) return payment;
    if (payment.created !== undefined && payment.created < since) return undefined;
  }
  return undefined;
}

interface Creation {
  generation: number;
  claimedAt: number | null;
  /** Set when an attempt may have created the payment without our knowing: look at Alma from then. */
  lookFrom: number | null;
}

function readCreation(link: PaymentLink): Creation {
  const raw = link.custom?.almaCreation as Partial<Creation> | undefined;
  return {
    generation: typeof raw?.generation === "number" ? raw.generation : 0,
    claimedAt: typeof raw?.claimedAt === "number" ? raw.claimedAt : null,
    lookFrom: typeof raw?.lookFrom === "number" ? raw.lookFrom : null,
  };
}

/**
 * Moves the creation record on, only if it is still the one this request saw: a waiter that found a
 * claim stale may have opened the next generation meanwhile, and another request may have claimed
 * it. Writing over that would erase the new claim's time, and a claim without a time never goes stale.
 */
async function replaceCreation(
  storage: Storage,
  link: PaymentLink,
  expected: Creation,
  next: Creation,
): Promise<void> {
  await modifyPaymentLink(storage, link.tenantId, link.id, (current) => {
    const now = readCreation(current);
    const unchanged = now.generation === expected.generation && now.claimedAt === expected.claimedAt;
    return unchanged ? creationPatch(current, next) : null;
  });
}

function creationPatch(current: PaymentLink, creation: Creation): PaymentPatch {
  return { custom: { ...current.custom, almaCreation: { ...creation } } };
}
