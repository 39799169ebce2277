import type { FailureReason } from "@alma-suite/core";
import { describe, expect, it } from "vitest";
import { REJECTION_CODES } from "../payment-session/session-record.ts";
import { rejectionCodeFor } from "../session-mutations/rejection-reason.ts";
import { MUTATIONS, type MutationName } from "./mutations.ts";
import { checkDocument, PINNED_API_VERSION, paymentsAppsSchema } from "./payments-apps-schema.ts";

const schema = paymentsAppsSchema()!;
const GID = "gid://shopify/PaymentSession/abc";
const soon = new Date(Date.UTC(2026, 6, 1, 12)).toISOString();
const FAILURES: FailureReason[] = ["amount_mismatch", "state_error", "refused", "risk", "expired"];

/** Every set of variables a code path of the app builds for each document. */
const VARIABLES: Record<MutationName, Record<string, unknown>[]> = {
  paymentsAppConfigure: [{ externalHandle: "Boutique (test)", ready: true }],
  // A sale, then an authorization (the adapter adds when it expires).
  paymentSessionResolve: [{ id: GID }, { id: GID, authorizationExpiresAt: soon }],
  paymentSessionReject: [
    ...REJECTION_CODES.map((code) => ({ id: GID, reason: { code, merchantMessage: "Alma: refused" } })),
    ...FAILURES.map((f) => ({ id: GID, reason: { code: rejectionCodeFor(f), merchantMessage: f } })),
  ],
  paymentSessionPending: [{ id: GID, pendingExpiresAt: soon, reason: "PARTNER_ACTION_REQUIRED" }],
  refundSessionResolve: [{ id: "gid://shopify/RefundSession/r" }],
  refundSessionReject: [
    { id: "gid://shopify/RefundSession/r", reason: { code: "PROCESSING_ERROR", merchantMessage: "x" } },
  ],
  captureSessionResolve: [{ id: "gid://shopify/CaptureSession/c" }],
  captureSessionReject: ["AUTHORIZATION_EXPIRED", "PROCESSING_ERROR"].map((code) => ({
    id: "gid://shopify/CaptureSession/c",
    reason: { code, merchantMessage: "x" },
  })),
  voidSessionResolve: [{ id: "gid://shopify/VoidSession/v" }],
  voidSessionReject: [
    { id: "gid://shopify/VoidSession/v", reason: { code: "PROCESSING_ERROR", merchantMessage: "x" } },
  ],
};

const messages = (query: string, variables?: Record<string, unknown>) => {
  const checked = checkDocument(schema, query, variables);
  return checked.ok ? [] : checked.errors.map((e) => e.message);
};

describe(`the documents the app sends, against the Payments Apps API ${PINNED_API_VERSION} schema`, () => {
  it.each(Object.keys(MUTATIONS) as MutationName[])(
    "%s validates, with every variable set the app builds",
    (name) => {
      expect(VARIABLES[name].length).toBeGreaterThan(0);
      for (const variables of VARIABLES[name]) expect(messages(MUTATIONS[name], variables)).toEqual([]);
    },
  );

  it("each document is one operation named after its mutation field", () => {
    for (const [name, query] of Object.entries(MUTATIONS)) {
      const checked = checkDocument(schema, query, VARIABLES[name as MutationName][0]);
      expect(checked.ok && checked.operation.name?.value).toBe(name);
    }
  });

  it("refuses what Shopify refuses: code on a plain UserError, two differently typed `reason`s", () => {
    const withCode = MUTATIONS.paymentSessionResolve.replace(
      "userErrors { field message }",
      "userErrors { field message code }",
    );
    expect(messages(withCode, { id: GID })).toEqual(['Cannot query field "code" on type "UserError".']);
    const unaliased = MUTATIONS.paymentSessionResolve.replace("pendingReason: reason", "reason");
    expect(messages(unaliased, { id: GID })[0]).toMatch(
      /"reason" conflict because they return conflicting types/,
    );
  });

  it("refuses variables Shopify would not coerce: unknown enum, missing required value, malformed DateTime", () => {
    const reject = MUTATIONS.paymentSessionReject;
    expect(messages(reject, { id: GID, reason: { code: "DECLINED_BY_ALMA" } })[0]).toMatch(
      /Value "DECLINED_BY_ALMA" does not exist in "PaymentSessionStateRejectedReason" enum/,
    );
    expect(messages(reject, { id: GID })[0]).toMatch(/Variable "\$reason" of required type/);
    expect(
      messages(MUTATIONS.captureSessionReject, { id: "c", reason: { code: "FRAUD_SUSPECTED" } })[0],
    ).toMatch(/does not exist in "CaptureSessionStatusReasonRejectionCode" enum/);
    const pending = MUTATIONS.paymentSessionPending;
    for (const bad of ["2026-07-01", "tomorrow", "2026-07-01T12:00:00"])
      expect(
        messages(pending, { id: GID, pendingExpiresAt: bad, reason: "PARTNER_ACTION_REQUIRED" })[0],
      ).toMatch(/DateTime cannot represent/);
  });

  it("refuses a document that does not parse, or holds no operation", () => {
    expect(messages("mutation {")[0]).toMatch(/Syntax Error/);
    expect(messages("fragment F on UserError { message }")).not.toEqual([]);
  });

  it("knows only the versions it has a schema for", () => {
    expect(paymentsAppsSchema("2026-10")).toBeUndefined();
    expect(paymentsAppsSchema("2026-07")).toBe(schema);
  });
});
