/** Shopify did not answer usefully (network, 5xx, 429, throttled): the call may be retried as is. */
export class ShopifyUnavailableError extends Error {
  override name = "ShopifyUnavailableError";
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** 401/403: the shop's token is missing, expired or revoked (uninstalled app). */
export class ShopifyAuthError extends Error {
  override name = "ShopifyAuthError";
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** Shopify answered but the document itself was refused (GraphQL errors): resending cannot help. */
export class ShopifyGraphqlError extends Error {
  override name = "ShopifyGraphqlError";
}
