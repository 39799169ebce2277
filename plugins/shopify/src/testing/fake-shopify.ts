import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { executeSync, type GraphQLError } from "graphql";
import { checkDocument, paymentsAppsSchema } from "../payments-api/payments-apps-schema.ts";
import { applyMutation, type FakeSession, type RecordedMutation } from "./fake-payments-api.ts";
import { signQuery } from "./shopify-signing.ts";

export interface FakeShopifyOptions {
  apiKey: string;
  apiSecret: string;
  /** Lifetime of expiring offline tokens, in seconds (Shopify: 3600). */
  accessTokenTtlSeconds?: number;
  now?: () => number;
}

interface TokenRecord {
  shop: string;
  expiresAt: number | null;
}

/**
 * A local Shopify for tests: the OAuth token endpoint (codes, expiring tokens and their
 * refresh), and each shop's Payments Apps API (`/{shop}/payments_apps/api/{v}/graphql.json`),
 * which checks the token and records every mutation. Apps reach it through the shop origin
 * template `{url}/{shop}`. Anything else a shop is asked for is recorded as a violation: a
 * payments app may use the Payments Apps API only.
 */
export class FakeShopify {
  readonly mutations: RecordedMutation[] = [];
  readonly sessions = new Map<string, FakeSession>();
  readonly configurations: { shop: string; externalHandle: string | null; ready: boolean }[] = [];
  readonly violations: string[] = [];
  /** Documents refused as Shopify's GraphQL layer refuses them (HTTP 200, `errors`, nothing applied). */
  readonly refusedDocuments: { shop: string; query: string; errors: string[] }[] = [];
  readonly tokenRequests: {
    shop: string;
    grant: "authorization_code" | "refresh_token";
    expiring: boolean;
  }[] = [];
  readonly #options: FakeShopifyOptions;
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #refreshTokens = new Map<string, string>();
  readonly #codes = new Map<string, string>();
  #faults: number[] = [];
  #documentRefusals: string[] = [];
  #server: Server | undefined;
  url = "";

  constructor(options: FakeShopifyOptions) {
    this.#options = options;
  }

  static async start(options: FakeShopifyOptions): Promise<FakeShopify> {
    const fake = new FakeShopify(options);
    fake.#server = createServer((req, res) => {
      fake.#handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
        },
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => fake.#server!.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** What to put in SHOPIFY_SHOP_ORIGIN. */
  get shopOrigin(): string {
    return `${this.url}/{shop}`;
  }

  now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** The next GraphQL calls answer these HTTP statuses (e.g. 503, 429) before working again. */
  failNextGraphql(...statuses: number[]): void {
    this.#faults.push(...statuses);
  }

  /**
   * The next GraphQL calls get a top-level `errors` answer with this message (HTTP 200, nothing
   * applied), as Shopify gives a document it refuses: for the app's handling of a refusal whose
   * cause is on Shopify's side (a field withdrawn from the version), since its own documents pass.
   */
  refuseNextDocuments(...messages: string[]): void {
    this.#documentRefusals.push(...messages);
  }

  /** Registers a session Shopify is about to send, so mutations on its gid are known. */
  registerSession(input: {
    gid: string;
    shop: string;
    kind: FakeSession["kind"];
    paymentKind?: "sale" | "authorization";
  }) {
    if (this.sessions.has(input.gid)) return;
    this.sessions.set(input.gid, {
      gid: input.gid,
      kind: input.kind,
      shop: input.shop,
      paymentKind: input.paymentKind ?? "sale",
      state: "proposed",
      finalBy: null,
      resolvedTransitions: 0,
      rejection: null,
      authorizationExpiresAt: null,
      pendingExpiresAt: null,
      pendingReason: null,
    });
  }

  mutationsNamed(name: string, gid?: string): RecordedMutation[] {
    return this.mutations.filter((m) => m.name === name && (gid === undefined || m.variables.id === gid));
  }

  /** Shopify's grant screen: the merchant approves; returns the callback URL Shopify redirects to. */
  approveInstall(authorizeUrl: string): string {
    const url = new URL(authorizeUrl);
    const shop = url.hostname;
    if (url.searchParams.get("client_id") !== this.#options.apiKey)
      throw new Error("authorize: wrong client_id");
    const redirectUri = url.searchParams.get("redirect_uri");
    const state = url.searchParams.get("state");
    if (!redirectUri || !state) throw new Error("authorize: redirect_uri and state are required");
    const code = randomBytes(12).toString("hex");
    this.#codes.set(code, shop);
    const params = signQuery(
      {
        code,
        shop,
        state,
        timestamp: String(Math.floor(this.now() / 1000)),
        host: Buffer.from(`${shop}/admin`).toString("base64url"),
      },
      this.#options.apiSecret,
    );
    return `${redirectUri}?${new URLSearchParams(params).toString()}`;
  }

  /**
   * The query Shopify signs when it opens the app (install link, admin launch); an admin launch
   * also carries the admin's `locale`, given in `extra`.
   */
  signedQuery(shop: string, extra: Record<string, string> = {}): string {
    const params = signQuery(
      { ...extra, shop, timestamp: String(Math.floor(this.now() / 1000)) },
      this.#options.apiSecret,
    );
    return new URLSearchParams(params).toString();
  }

  /** Makes a token unusable, as an expired 60-minute offline token is. */
  expireToken(token: string): void {
    const record = this.#tokens.get(token);
    if (record) record.expiresAt = 0;
  }

  /** An offline token for a shop, as if it had been installed (unit tests skip OAuth). */
  issueToken(shop: string, expiresInSeconds?: number): string {
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    this.#tokens.set(token, {
      shop,
      expiresAt: expiresInSeconds === undefined ? null : this.now() + expiresInSeconds * 1000,
    });
    return token;
  }

  tokensOf(shop: string): string[] {
    return [...this.#tokens].filter(([, r]) => r.shop === shop).map(([t]) => t);
  }

  async #handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", this.url);
    const [, shop = "", ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    if (req.method === "POST" && path === "/admin/oauth/access_token") return this.#token(shop, raw);
    const graphql = /^\/payments_apps\/api\/([\w-]+)\/graphql\.json$/.exec(path);
    if (req.method === "POST" && graphql) return this.#graphql(shop, graphql[1] ?? "", req, raw);
    this.violations.push(`${req.method} ${shop}${path}`);
    return { status: 404, body: { errors: "Not Found" } };
  }

  #token(shop: string, raw: string): { status: number; body: unknown } {
    const body = safeJson(raw) as Record<string, string | undefined>;
    if (body.client_id !== this.#options.apiKey || body.client_secret !== this.#options.apiSecret)
      return { status: 400, body: { error: "invalid_client", error_description: "bad client credentials" } };
    let expiring = body.expiring === "1";
    if (body.grant_type === "refresh_token") {
      if (this.#refreshTokens.get(body.refresh_token ?? "") !== shop)
        return {
          status: 400,
          body: { error: "invalid_grant", error_description: "refresh token is invalid" },
        };
      this.#refreshTokens.delete(body.refresh_token ?? "");
      expiring = true;
      this.tokenRequests.push({ shop, grant: "refresh_token", expiring });
    } else {
      if (this.#codes.get(body.code ?? "") !== shop)
        return {
          status: 400,
          body: { error: "invalid_request", error_description: "authorization code is invalid" },
        };
      this.#codes.delete(body.code ?? "");
      this.tokenRequests.push({ shop, grant: "authorization_code", expiring });
    }
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const ttl = this.#options.accessTokenTtlSeconds ?? 3600;
    this.#tokens.set(accessToken, { shop, expiresAt: expiring ? this.now() + ttl * 1000 : null });
    const answer: Record<string, unknown> = {
      access_token: accessToken,
      scope: "write_payment_gateways,write_payment_sessions",
    };
    if (expiring) {
      const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
      this.#refreshTokens.set(refreshToken, shop);
      Object.assign(answer, {
        expires_in: ttl,
        refresh_token: refreshToken,
        refresh_token_expires_in: 90 * 86_400,
      });
    }
    return { status: 200, body: answer };
  }

  #graphql(
    shop: string,
    apiVersion: string,
    req: IncomingMessage,
    raw: string,
  ): { status: number; body: unknown } {
    const fault = this.#faults.shift();
    if (fault !== undefined) return { status: fault, body: { errors: "Service unavailable" } };
    const token = String(req.headers["x-shopify-access-token"] ?? "");
    const record = this.#tokens.get(token);
    if (!record || record.shop !== shop || (record.expiresAt !== null && record.expiresAt <= this.now()))
      return {
        status: 401,
        body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
      };
    if (!String(req.headers["content-type"]).startsWith("application/json"))
      return { status: 415, body: { errors: "Content-Type must be application/json" } };
    const schema = paymentsAppsSchema(apiVersion);
    if (!schema) return { status: 404, body: { errors: "Not Found" } };
    const { query, variables } = safeJson(raw) as { query?: unknown; variables?: unknown };
    const vars = variables && typeof variables === "object" ? (variables as Record<string, unknown>) : {};
    const checked = checkDocument(schema, typeof query === "string" ? query : "", vars);
    if (!checked.ok) return this.#refuse(shop, String(query), checked.errors);
    const refusal = this.#documentRefusals.shift();
    if (refusal !== undefined) return { status: 200, body: { errors: [{ message: refusal }] } };
    // Each mutation field of the document resolves through the fake's state machine; the
    // executor then shapes the answer to the selection, as Shopify's does.
    const rootValue = Object.fromEntries(
      Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => [
        name,
        (args: Record<string, unknown>) => {
          const result = applyMutation(this.sessions, this.configurations, shop, name, args, this.now());
          this.mutations.push({ shop, apiVersion, name, variables: vars, token, outcome: result.outcome });
          return result.payload;
        },
      ]),
    );
    const result = executeSync({ schema, document: checked.document, rootValue, variableValues: vars });
    return { status: 200, body: JSON.parse(JSON.stringify(result)) as unknown };
  }

  #refuse(shop: string, query: string, errors: readonly GraphQLError[]): { status: number; body: unknown } {
    this.refusedDocuments.push({ shop, query, errors: errors.map((e) => e.message) });
    return { status: 200, body: { errors: errors.map((e) => e.toJSON()) } };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return {};
  }
}
