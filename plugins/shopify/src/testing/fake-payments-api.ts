/**
 * Shopify's Payments Apps API as the app relies on it: one mutation per call, applied once
 * per id and operation (a repeat answers the first result), final states that later mutations
 * cannot change, `nextAction` redirects for payment sessions, user errors rather than HTTP errors
 * for refusals. Documents and variables are checked against the schema before anything here runs.
 */
export type SessionState = "proposed" | "pending" | "resolved" | "rejected";

export interface FakeSession {
  gid: string;
  kind: "payment" | "refund" | "capture" | "void";
  shop: string;
  paymentKind: "sale" | "authorization";
  state: SessionState;
  /** The operation that made the state final, with its result. */
  finalBy: string | null;
  /** How many times the state actually changed to resolved (must never exceed 1). */
  resolvedTransitions: number;
  rejection: { code: string; merchantMessage?: string } | null;
  authorizationExpiresAt: string | null;
  pendingExpiresAt: string | null;
  pendingReason: string | null;
}

export interface RecordedMutation {
  shop: string;
  apiVersion: string;
  name: string;
  variables: Record<string, unknown>;
  token: string;
  /** What the fake answered: accepted, or the user error code. */
  outcome: string;
}

/** The code of a typed user error, by mutation; the plain `UserError` of the others has none. */
function errorCode(name: string, kind: string, problem: "not_found" | "invalid_state"): string | null {
  if (name === "paymentSessionPending")
    return problem === "not_found" ? "NOT_FOUND" : "PENDING_INVALID_STATE";
  if (kind === "payment" || name === "paymentsAppConfigure") return null;
  return `${kind.toUpperCase()}_SESSION_${problem === "not_found" ? "NOT_FOUND" : "INVALID_STATE"}`;
}

/**
 * Applies one mutation field whose arguments the schema already checked and coerced (see
 * `fake-shopify.ts`): returns the payload the field resolves to, with what happened.
 */
export function applyMutation(
  sessions: Map<string, FakeSession>,
  configurations: { shop: string; externalHandle: string | null; ready: boolean }[],
  shop: string,
  name: string,
  args: Record<string, unknown>,
  now: number,
): { payload: Record<string, unknown>; outcome: string } {
  const kind = name.replace(/Session(Resolve|Reject|Pending)$/, "");
  const userError = (
    problem: "not_found" | "invalid_state" | string,
    message: string,
    field: string[] = ["id"],
  ) => {
    const code =
      problem === "not_found" || problem === "invalid_state" ? errorCode(name, kind, problem) : problem;
    return {
      payload: { [payloadField(name)]: null, userErrors: [{ field, message, code }] },
      outcome: code ?? problem,
    };
  };
  if (name === "paymentsAppConfigure") {
    const externalHandle = typeof args.externalHandle === "string" ? args.externalHandle : null;
    const ready = args.ready === true;
    configurations.push({ shop, externalHandle, ready });
    return {
      payload: { paymentsAppConfiguration: { externalHandle, ready }, userErrors: [] },
      outcome: "accepted",
    };
  }
  const session = sessions.get(String(args.id));
  if (!session || session.shop !== shop || session.kind !== kind)
    return userError("not_found", "session not found");
  const operation = name.endsWith("Resolve") ? "resolve" : name.endsWith("Reject") ? "reject" : "pending";
  if (session.finalBy !== null && session.finalBy !== name)
    return userError("invalid_state", `the session is already ${session.state}`);
  if (session.finalBy === null) {
    if (operation === "reject") {
      const reason = args.reason as { code: string; merchantMessage?: string | null };
      session.state = "rejected";
      session.finalBy = name;
      session.rejection = {
        code: reason.code,
        ...(typeof reason.merchantMessage === "string" ? { merchantMessage: reason.merchantMessage } : {}),
      };
    } else if (operation === "resolve") {
      if (
        session.kind === "payment" &&
        session.paymentKind === "authorization" &&
        !args.authorizationExpiresAt
      )
        return userError("invalid_state", "authorizationExpiresAt is required for an authorization", [
          "authorizationExpiresAt",
        ]);
      session.state = "resolved";
      session.finalBy = name;
      session.resolvedTransitions += 1;
      session.authorizationExpiresAt = (args.authorizationExpiresAt as string | undefined) ?? null;
    } else {
      const expires = Date.parse(String(args.pendingExpiresAt));
      if (!(expires > now))
        return userError("EXPIRED_PENDING_EXPIRES_AT", "pendingExpiresAt is in the past", [
          "pendingExpiresAt",
        ]);
      if (expires > now + 30 * 86_400_000)
        return userError("OUT_OF_RANGE_PENDING_EXPIRES_AT", "pendingExpiresAt is too far", [
          "pendingExpiresAt",
        ]);
      session.state = "pending";
      session.pendingReason = String(args.reason);
      session.pendingExpiresAt = String(args.pendingExpiresAt);
    }
  }
  return {
    payload: { [payloadField(name)]: describe(session), userErrors: [] },
    outcome: "accepted",
  };
}

function payloadField(name: string): string {
  return name.startsWith("paymentsApp")
    ? "paymentsAppConfiguration"
    : name.replace(/(Resolve|Reject|Pending)$/, "");
}

/** The session as the schema's objects; `__typename` picks the member of each union. */
function describe(session: FakeSession): Record<string, unknown> {
  const token = session.gid.split("/").pop();
  const base = {
    id: session.gid,
    state: {
      __typename: `${cap(session.kind)}SessionState${cap(session.state)}`,
      code: session.state.toUpperCase(),
      reason: session.state === "pending" ? session.pendingReason : session.rejection?.code,
      merchantMessage: session.rejection?.merchantMessage ?? null,
    },
  };
  if (session.kind !== "payment") return base;
  const checkout = `https://${session.shop}/checkouts/c/${token}`;
  const redirectUrl =
    session.state === "resolved"
      ? `${checkout}/thank-you`
      : session.state === "rejected"
        ? `${checkout}/payment-failed`
        : `${checkout}/processing`;
  return {
    ...base,
    authorizationExpiresAt: session.authorizationExpiresAt,
    pendingExpiresAt: session.pendingExpiresAt,
    nextAction: { action: "REDIRECT", context: { __typename: "PaymentSessionActionsRedirect", redirectUrl } },
  };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
