/** One generated request, with what its answer must respect. */
export interface FuzzRequest {
  /** The route as documented, e.g. `bridge refundPayment` or `POST /woocommerce/webhooks/:storeId`. */
  route: string;
  /** The error format of the route's family. */
  format: "problem" | "error-json";
  /** The bridge's operationId, to compare answers with its OpenAPI entry. */
  operationId?: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Which hostile family built it (body, credentials or ids), for the report. */
  family: string;
  /** Text of the other side's data: never in the answer. */
  foreignMarkers: string[];
  /** The request aims at the other side's data with this side's credentials: it must not succeed. */
  crossTenant: boolean;
}
