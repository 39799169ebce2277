/**
 * Errors of our WooCommerce client. The REST library rejects with raw axios errors; these two
 * classes are what the rest of the plugin sees: the store answered with an error, or it could
 * not be reached (or answered something that is not WooCommerce JSON).
 */
export class WooApiError extends Error {
  override name = "WooApiError";
  readonly status: number;
  /** WooCommerce's error code, e.g. `woocommerce_rest_authentication_error`. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(`WooCommerce ${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
  }

  /** 401/403: the consumer key is wrong, revoked or lacks the permission. */
  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export class WooConnectionError extends Error {
  override name = "WooConnectionError";
}

interface AxiosLikeError {
  message?: string;
  code?: string;
  response?: { status?: number; data?: unknown };
}

/** Turns whatever the REST library threw into one of our errors, never leaking request config (keys). */
export function toWooError(error: unknown): Error {
  if (error instanceof WooApiError || error instanceof WooConnectionError) return error;
  const e = (error ?? {}) as AxiosLikeError;
  const status = e.response?.status;
  if (typeof status === "number") {
    const data = (e.response?.data ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof data.code === "string" ? data.code : "http_error";
    const message = typeof data.message === "string" ? data.message : `HTTP ${status}`;
    return new WooApiError(status, code, message);
  }
  return new WooConnectionError(`store unreachable: ${e.code ?? ""} ${e.message ?? String(error)}`.trim());
}
