import { Agent } from "node:https";
import { createRequire } from "node:module";
import { rootCertificates } from "node:tls";
import type wooRestApiModule from "@woocommerce/woocommerce-rest-api";
import { z } from "zod";
import { toWooError, WooApiError, WooConnectionError } from "./woo-errors.ts";
import {
  type WooNote,
  type WooOrder,
  type WooOrderPatch,
  type WooRefund,
  type WooRefundInput,
  type WooWebhook,
  type WooWebhookInput,
  wooNoteSchema,
  wooOrderSchema,
  wooRefundSchema,
  wooWebhookSchema,
} from "./woo-schemas.ts";

// The package is Babel-built CommonJS with `exports.default`: a default import is the module object
// under Node's ESM but the class under bundlers (vitest, Vite). Loading it through
// require gives the same object everywhere.
export const WooCommerceRestApi = (
  createRequire(import.meta.url)("@woocommerce/woocommerce-rest-api") as typeof wooRestApiModule
).default;
type RestApi = InstanceType<typeof WooCommerceRestApi>;

export interface WooClientOptions {
  /** The store's home URL; https ⇒ Basic auth, http ⇒ OAuth 1.0a, as the library decides. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  timeoutMs?: number;
  /** Extra PEM certificate(s) to trust besides the public roots (a store with a private CA). */
  ca?: string;
}

export interface OrderPage {
  orders: WooOrder[];
  total: number;
  totalPages: number;
}

export interface ListOrdersQuery {
  page: number;
  perPage: number;
  /** GMT, compared with date_modified_gmt. */
  modifiedAfter?: Date;
}

/**
 * The slice of WooCommerce's REST API the connector uses, typed and validated, around
 * `@woocommerce/woocommerce-rest-api`. The library returns `Promise<any>` and raw axios errors;
 * here every answer goes through a zod schema and every failure becomes a WooApiError or a
 * WooConnectionError.
 */
export class WooClient {
  readonly #api: RestApi;

  constructor(options: WooClientOptions) {
    // Only `httpsAgent` goes into axiosConfig: passing `headers` would drop the library's
    // Content-Type, and WooCommerce then ignores every write's body while still answering 200.
    const axiosConfig = options.ca
      ? { httpsAgent: new Agent({ ca: [...rootCertificates, options.ca], keepAlive: true }) }
      : {};
    this.#api = new WooCommerceRestApi({
      url: options.url,
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
      version: "wc/v3",
      timeout: options.timeoutMs ?? 20_000,
      axiosConfig,
    });
  }

  /** null when the order does not exist (or was deleted). */
  async getOrder(id: number | string): Promise<WooOrder | null> {
    try {
      return await this.#call(wooOrderSchema, () => this.#api.get(`orders/${encodeId(id)}`));
    } catch (error) {
      if (error instanceof WooApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** Oldest id first, so pages stay stable while new orders arrive at the end. */
  async listOrders(query: ListOrdersQuery): Promise<OrderPage> {
    const params: Record<string, string> = {
      page: String(query.page),
      per_page: String(query.perPage),
      orderby: "id",
      order: "asc",
    };
    if (query.modifiedAfter) {
      params.modified_after = query.modifiedAfter.toISOString().slice(0, 19);
      params.dates_are_gmt = "true";
    }
    const response = await this.#raw(() => this.#api.get("orders", params));
    const orders = parse(z.array(wooOrderSchema), response.data);
    return {
      orders,
      total: headerInt(response.headers, "x-wp-total") ?? orders.length,
      totalPages: headerInt(response.headers, "x-wp-totalpages") ?? 1,
    };
  }

  /**
   * Whether the key may write, without writing anything: WooCommerce checks the key's permission
   * before routing and answers a read-only key `woocommerce_rest_authentication_error` ("does not
   * have write permissions"); any other answer to an update of order 0 (invalid id, no such post)
   * means the key got past that check.
   */
  async canWrite(): Promise<boolean> {
    try {
      await this.#api.put("orders/0", {});
      return true;
    } catch (error) {
      const wooError = toWooError(error);
      if (!(wooError instanceof WooApiError)) throw wooError;
      return wooError.code !== "woocommerce_rest_authentication_error";
    }
  }

  updateOrder(id: number, patch: WooOrderPatch): Promise<WooOrder> {
    return this.#call(wooOrderSchema, () => this.#api.put(`orders/${encodeId(id)}`, patch));
  }

  listRefunds(orderId: number): Promise<WooRefund[]> {
    return this.#call(z.array(wooRefundSchema), () =>
      this.#api.get(`orders/${encodeId(orderId)}/refunds`, { per_page: "100" }),
    );
  }

  createRefund(orderId: number, input: WooRefundInput): Promise<WooRefund> {
    return this.#call(wooRefundSchema, () => this.#api.post(`orders/${encodeId(orderId)}/refunds`, input));
  }

  /** `customerNote: true` shows the note to the customer and WooCommerce e-mails it to them. */
  addNote(orderId: number, note: string, options: { customerNote?: boolean } = {}): Promise<WooNote> {
    return this.#call(wooNoteSchema, () =>
      this.#api.post(`orders/${encodeId(orderId)}/notes`, {
        note,
        customer_note: options.customerNote ?? false,
      }),
    );
  }

  listNotes(orderId: number): Promise<WooNote[]> {
    return this.#call(z.array(wooNoteSchema), () =>
      this.#api.get(`orders/${encodeId(orderId)}/notes`, { type: "any" }),
    );
  }

  listWebhooks(): Promise<WooWebhook[]> {
    return this.#call(z.array(wooWebhookSchema), () =>
      this.#api.get("webhooks", { status: "all", per_page: "100" }),
    );
  }

  createWebhook(input: WooWebhookInput): Promise<WooWebhook> {
    return this.#call(wooWebhookSchema, () => this.#api.post("webhooks", input));
  }

  updateWebhook(id: number, patch: Partial<WooWebhookInput>): Promise<WooWebhook> {
    return this.#call(wooWebhookSchema, () => this.#api.put(`webhooks/${id}`, patch));
  }

  /**
   * The site's locale (`get_locale()`, e.g. `fr_FR`) and whether orders live in the custom order
   * tables (HPOS), from the system status report; only those two sections are asked for, so
   * WooCommerce computes nothing else. Fields it does not give come back undefined.
   */
  async storeEnvironment(): Promise<{ locale?: string; hpos?: boolean }> {
    const response = await this.#raw(() =>
      this.#api.get("system_status", { _fields: "environment,settings" }),
    );
    const parsed = storeEnvironmentSchema.safeParse(response.data);
    if (!parsed.success) return {};
    const locale = parsed.data.environment?.language;
    const hpos = parsed.data.settings?.HPOS_enabled;
    return { ...(locale ? { locale } : {}), ...(hpos !== undefined ? { hpos } : {}) };
  }

  /**
   * Writes settings of a PHP gateway (`PUT payment_gateways/{id}`, each as `{ value }`); false when
   * the store has no such gateway (404: our WordPress plugin is not installed).
   */
  async updateGatewaySettings(id: string, settings: Record<string, string>): Promise<boolean> {
    if (!/^[a-z0-9_-]+$/i.test(id)) throw new Error(`invalid gateway id ${id}`);
    try {
      await this.#api.put(`payment_gateways/${id}`, { settings });
      return true;
    } catch (error) {
      const wooError = toWooError(error);
      if (wooError instanceof WooApiError && wooError.status === 404) return false;
      throw wooError;
    }
  }

  async #call<T>(schema: z.ZodType<T>, send: () => Promise<unknown>): Promise<T> {
    const response = await this.#raw(send);
    return parse(schema, response.data);
  }

  async #raw(send: () => Promise<unknown>): Promise<{ data: unknown; headers: Record<string, unknown> }> {
    try {
      return (await send()) as { data: unknown; headers: Record<string, unknown> };
    } catch (error) {
      throw toWooError(error);
    }
  }
}

const storeEnvironmentSchema = z.looseObject({
  environment: z.looseObject({ language: z.string().max(20).optional() }).optional(),
  settings: z.looseObject({ HPOS_enabled: z.boolean().optional() }).optional(),
});

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new WooConnectionError(
      `unexpected WooCommerce answer: ${z.prettifyError(result.error).slice(0, 500)}`,
    );
  }
  return result.data;
}

function headerInt(headers: Record<string, unknown>, name: string): number | undefined {
  const value = Number(headers[name]);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Ids go into the URL path: only digits, so a hostile value cannot reach another endpoint. */
function encodeId(id: number | string): string {
  const text = String(id);
  if (!/^\d{1,18}$/.test(text)) throw new WooApiError(404, "invalid_id", `not an id: ${text.slice(0, 40)}`);
  return text;
}
