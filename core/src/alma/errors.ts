/**
 * Error hierarchy of the Alma client, in the spirit of stripe-node: callers catch `AlmaError` for
 * "anything went wrong talking to Alma" and a subclass when they care why.
 */

export interface AlmaErrorDetails {
  status?: number;
  requestId?: string;
  code?: string;
  body?: unknown;
  cause?: unknown;
}

/** One field-level complaint, from Alma's `errors[]` or from local input validation. */
export interface AlmaFieldError {
  field?: string;
  message: string;
}

export class AlmaError extends Error {
  readonly status?: number;
  readonly requestId?: string;
  readonly code?: string;
  readonly body?: unknown;

  constructor(message: string, details: AlmaErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.requestId = details.requestId;
    this.code = details.code;
    this.body = details.body;
  }
}

/** 401 (bad or revoked key) and 403 (feature not enabled for the account, e.g. send-sms). */
export class AlmaAuthenticationError extends AlmaError {}

/** 400/422: Alma refused the request as sent; resending it unchanged cannot succeed. */
export class AlmaInvalidRequestError extends AlmaError {
  readonly fieldErrors: AlmaFieldError[];

  constructor(message: string, details: AlmaErrorDetails & { fieldErrors?: AlmaFieldError[] } = {}) {
    super(message, details);
    this.fieldErrors = details.fieldErrors ?? [];
  }
}

export class AlmaNotFoundError extends AlmaError {}

export class AlmaRateLimitError extends AlmaError {
  /** From `Retry-After`, when Alma sent one. */
  readonly retryAfterMs?: number;

  constructor(message: string, details: AlmaErrorDetails & { retryAfterMs?: number } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx and any status without a dedicated class. */
export class AlmaApiError extends AlmaError {
  /** A 503 may carry `Retry-After` too; the request sender honours it like a 429's. */
  readonly retryAfterMs?: number;

  constructor(message: string, details: AlmaErrorDetails & { retryAfterMs?: number } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** No HTTP response: DNS, refused or reset connection, TLS failure, or the per-attempt timeout. */
export class AlmaConnectionError extends AlmaError {
  readonly timedOut: boolean;
  /** False only when the request provably never left this process (e.g. connection refused). */
  readonly mayHaveReachedAlma: boolean;

  constructor(
    message: string,
    details: AlmaErrorDetails & { timedOut: boolean; mayHaveReachedAlma: boolean },
  ) {
    super(message, details);
    this.timedOut = details.timedOut;
    this.mayHaveReachedAlma = details.mayHaveReachedAlma;
  }
}

/** A 2xx response whose body does not match the schema: the call may well have taken effect. */
export class AlmaInvalidResponseError extends AlmaError {
  readonly issues: AlmaFieldError[];

  constructor(message: string, details: AlmaErrorDetails & { issues: AlmaFieldError[] }) {
    super(message, details);
    this.issues = details.issues;
  }
}

export class AlmaSignatureVerificationError extends AlmaError {}

/**
 * Input rejected locally before anything was sent (e.g. a refund amount that is not a positive
 * integer). Distinct from AlmaInvalidRequestError so a caller can tell "Alma said no" from "we never
 * asked"; both carry `fieldErrors` of the same shape.
 */
export class AlmaInputValidationError extends AlmaError {
  readonly fieldErrors: AlmaFieldError[];

  constructor(message: string, fieldErrors: AlmaFieldError[]) {
    super(message);
    this.fieldErrors = fieldErrors;
  }
}

/** The client was built with settings that can never work (e.g. an API key of unknown kind). */
export class AlmaConfigurationError extends AlmaError {}
