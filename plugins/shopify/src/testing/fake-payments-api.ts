/**
 * The Payments Apps API as the reference describes it (§2): one mutation per call, applied once
 * per id and operation (a repeat answers the first result), final states that later mutations
 * cannot change, `nextAction` redirects for payment sessions, user errors rather than HTTP errors
 * for refusals.
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

const NAME = /mutation\s+\w*\s*(?:\([^)]*\))?\s*\{\s*(\w+)\s*\(/s;

const REJECTION_CODES = new Set([
  "PROCESSING_ERROR",
  "FRAUD_SUSPECTED",
  "INVALID_CURRENCY",
  "AMOUNT_TOO_SMALL",
  "AMOUNT_TOO_LARGE",
  "CANCELLED_PAYMENT",
  "CARD_DECLINED",
  "RISKY",
  "AUTHORIZATION_EXPIRED",
  "INSUFFICIENT_FUNDS",
]);

export function mutationName(query: string): string | null {
  return NAME.exec(query)?.[1] ?? null;
}

type Answer = { data: Record<string, unknown> };

export function applyMutation(
  sessions: Map<string, FakeSession>,
  configurations: { shop: string; externalHandle: string | null; ready: boolean }[],
  shop: string,
  name: string,
  variables: Record<string, unknown>,
  now: number,
): { answer: Answer; outcome: string } {
  const userError = (code: string, message: string, field: string[] = ["id"]) => ({
    answer: { data: { [name]: { [payloadField(name)]: null, userErrors: [{ field, message, code }] } } },
    outcome: code,
  });
  if (name === "paymentsAppConfigure") {
    if (typeof variables.ready !== "boolean") return userError("INVALID", "ready is required", ["ready"]);
    const externalHandle = typeof variables.externalHandle === "string" ? variables.externalHandle : null;
    configurations.push({ shop, externalHandle, ready: variables.ready });
    return {
      answer: {
        data: {
          [name]: { paymentsAppConfiguration: { externalHandle, ready: variables.ready }, userErrors: [] },
        },
      },
      outcome: "accepted",
    };
  }
  const session = sessions.get(String(variables.id));
  const kind = name.replace(/Session(Resolve|Reject|Pending)$/, "");
  if (!session || session.shop !== shop || session.kind !== kind)
    return userError("NOT_FOUND", "session not found");
  const operation = name.endsWith("Resolve") ? "resolve" : name.endsWith("Reject") ? "reject" : "pending";
  if (session.finalBy !== null && session.finalBy !== name)
    return userError(
      `${kind.toUpperCase()}_SESSION_INVALID_STATE`,
      `the session is already ${session.state}`,
    );
  if (session.finalBy === null) {
    if (operation === "reject") {
      const reason = variables.reason as { code?: unknown; merchantMessage?: unknown } | undefined;
      if (typeof reason?.code !== "string" || !REJECTION_CODES.has(reason.code))
        return userError("INVALID", "unknown rejection code", ["reason", "code"]);
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
        !variables.authorizationExpiresAt
      )
        return userError("INVALID", "authorizationExpiresAt is required for an authorization", [
          "authorizationExpiresAt",
        ]);
      session.state = "resolved";
      session.finalBy = name;
      session.resolvedTransitions += 1;
      session.authorizationExpiresAt = (variables.authorizationExpiresAt as string | undefined) ?? null;
    } else {
      const expires = Date.parse(String(variables.pendingExpiresAt ?? ""));
      if (!(expires > now))
        return userError("EXPIRED_PENDING_EXPIRES_AT", "pendingExpiresAt is in the past", [
          "pendingExpiresAt",
        ]);
      if (expires > now + 30 * 86_400_000)
        return userError("OUT_OF_RANGE_PENDING_EXPIRES_AT", "pendingExpiresAt is too far", [
          "pendingExpiresAt",
        ]);
      session.state = "pending";
      session.pendingExpiresAt = String(variables.pendingExpiresAt);
    }
  }
  return {
    answer: { data: { [name]: { [payloadField(name)]: describe(session), userErrors: [] } } },
    outcome: "accepted",
  };
}

function payloadField(name: string): string {
  return name.startsWith("paymentsApp")
    ? "paymentsAppConfiguration"
    : name.replace(/(Resolve|Reject|Pending)$/, "");
}

function describe(session: FakeSession): Record<string, unknown> {
  const token = session.gid.split("/").pop();
  const base = {
    id: session.gid,
    state: {
      __typename: `${cap(session.kind)}SessionState${cap(session.state)}`,
      code: session.state.toUpperCase(),
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
  return { ...base, nextAction: { action: "REDIRECT", context: { redirectUrl } } };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
