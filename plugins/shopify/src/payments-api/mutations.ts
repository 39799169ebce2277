/**
 * The Payments Apps API mutations this app sends, as constants: `mutations.test.ts` validates each
 * against `payments-apps-2026-07.graphql`, and the fake Shopify refuses any document that does not.
 * Each names its operation after its field so a log line or a recorded request says what happened.
 */
const SESSION_FIELDS = `
      id
      state {
        __typename
        ... on PaymentSessionStateResolved { code }
        ... on PaymentSessionStateRejected { code reason merchantMessage }
        ... on PaymentSessionStatePending { code pendingReason: reason }
      }
      nextAction {
        action
        context { ... on PaymentSessionActionsRedirect { redirectUrl } }
      }`;

// `paymentsAppConfigure`, `paymentSessionResolve` and `paymentSessionReject` answer the plain
// `UserError` (field, message); the other mutations have typed user errors with a `code`.
const USER_ERRORS = "userErrors { field message }";
const CODED_USER_ERRORS = "userErrors { field message code }";

export const MUTATIONS = {
  paymentsAppConfigure: `mutation paymentsAppConfigure($externalHandle: String, $ready: Boolean!) {
  paymentsAppConfigure(externalHandle: $externalHandle, ready: $ready) {
    paymentsAppConfiguration { externalHandle ready }
    ${USER_ERRORS}
  }
}`,
  paymentSessionResolve: `mutation paymentSessionResolve($id: ID!, $authorizationExpiresAt: DateTime) {
  paymentSessionResolve(id: $id, authorizationExpiresAt: $authorizationExpiresAt) {
    paymentSession {${SESSION_FIELDS}
    }
    ${USER_ERRORS}
  }
}`,
  paymentSessionReject: `mutation paymentSessionReject($id: ID!, $reason: PaymentSessionRejectionReasonInput!) {
  paymentSessionReject(id: $id, reason: $reason) {
    paymentSession {${SESSION_FIELDS}
    }
    ${USER_ERRORS}
  }
}`,
  paymentSessionPending: `mutation paymentSessionPending($id: ID!, $pendingExpiresAt: DateTime!, $reason: PaymentSessionStatePendingReason!) {
  paymentSessionPending(id: $id, pendingExpiresAt: $pendingExpiresAt, reason: $reason) {
    paymentSession {${SESSION_FIELDS}
    }
    ${CODED_USER_ERRORS}
  }
}`,
  refundSessionResolve: `mutation refundSessionResolve($id: ID!) {
  refundSessionResolve(id: $id) {
    refundSession { id state { __typename } }
    ${CODED_USER_ERRORS}
  }
}`,
  refundSessionReject: `mutation refundSessionReject($id: ID!, $reason: RefundSessionRejectionReasonInput!) {
  refundSessionReject(id: $id, reason: $reason) {
    refundSession { id state { __typename } }
    ${CODED_USER_ERRORS}
  }
}`,
  captureSessionResolve: `mutation captureSessionResolve($id: ID!) {
  captureSessionResolve(id: $id) {
    captureSession { id state { __typename } }
    ${CODED_USER_ERRORS}
  }
}`,
  captureSessionReject: `mutation captureSessionReject($id: ID!, $reason: CaptureSessionRejectionReasonInput!) {
  captureSessionReject(id: $id, reason: $reason) {
    captureSession { id state { __typename } }
    ${CODED_USER_ERRORS}
  }
}`,
  voidSessionResolve: `mutation voidSessionResolve($id: ID!) {
  voidSessionResolve(id: $id) {
    voidSession { id state { __typename } }
    ${CODED_USER_ERRORS}
  }
}`,
  voidSessionReject: `mutation voidSessionReject($id: ID!, $reason: VoidSessionRejectionReasonInput!) {
  voidSessionReject(id: $id, reason: $reason) {
    voidSession { id state { __typename } }
    ${CODED_USER_ERRORS}
  }
}`,
} as const;

export type MutationName = keyof typeof MUTATIONS;

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export type MutationResult =
  | { ok: true; payload: Record<string, unknown>; nextActionUrl: string | null }
  | { ok: false; userErrors: UserError[] };

/** Reads `data[name]`: the user errors, or the payload and, for payment sessions, where the buyer goes next. */
export function readMutationResult(name: MutationName, data: Record<string, unknown>): MutationResult {
  const field = (data[name] ?? {}) as Record<string, unknown>;
  const userErrors = Array.isArray(field.userErrors) ? (field.userErrors as UserError[]) : [];
  if (userErrors.length > 0) return { ok: false, userErrors };
  const session = field.paymentSession as
    | { nextAction?: { context?: { redirectUrl?: unknown } | null } | null }
    | undefined;
  const redirect = session?.nextAction?.context?.redirectUrl;
  return { ok: true, payload: field, nextActionUrl: typeof redirect === "string" ? redirect : null };
}
