import { BodyError, findUnstorableText, readBody, UNSTORABLE_TEXT } from "@alma-suite/core";
import { StorageUnavailableError } from "@alma-suite/core/storage";
import { type NextFunction, type Request, type Response, Router } from "express";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { findMerchant } from "../merchants/find-merchant.ts";
import { authenticateRequest, type Principal } from "./authenticate-request.ts";
import { requestHash, runIdempotently, type StoredResponse } from "./idempotency.ts";
import type { Operation } from "./operation.ts";
import type { Problem, ProblemSlug } from "./problem.ts";
import { problemResponse, sendStored, toStoredResponse } from "./send-response.ts";
import { validatePart } from "./validate-request.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** The bridge documents JSON bodies as `application/json` only; `+json` types mean other semantics. */
const jsonBody = readBody({ types: ["application/json"], limitBytes: 256 * 1024, as: "json" });

/**
 * Mounts each operation as: wait for migrations → authenticate → parse JSON → resolve the
 * merchant within the agency → validate → run (through the Idempotency-Key store for POSTs).
 * Every refusal is a problem+json answer and a log line.
 */
export function mountOperations(router: Router, ctx: BridgeContext, operations: readonly Operation[]): void {
  for (const op of operations) {
    router[op.method](op.path, authenticate(ctx, op), jsonBody, async (req: Request, res: Response) => {
      const response = await runOperation(ctx, op, req, res.locals.principal as Principal);
      respond(ctx, req, res, response.stored, response.replayed);
    });
  }
}

function authenticate(ctx: BridgeContext, op: Operation) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const started = await ctx.ready.then(
      () => true,
      () => false,
    );
    if (!started)
      return respond(
        ctx,
        req,
        res,
        problemResponse({ slug: "not_ready", detail: "migrations failed; see logs" }),
      );
    const auth = await authenticateRequest(ctx, op.auth, req);
    if (!auth.ok) return respond(ctx, req, res, problemResponse(auth.problem, req.originalUrl.split("?")[0]));
    res.locals.principal = auth.principal;
    next();
  };
}

async function runOperation(
  ctx: BridgeContext,
  op: Operation,
  req: Request,
  principal: Principal,
): Promise<{ stored: StoredResponse; replayed?: boolean }> {
  const instance = req.originalUrl.split("?")[0] ?? req.originalUrl;
  const refuse = (p: Problem) => ({ stored: problemResponse(p, instance) });
  const merchant =
    op.merchantScoped && principal.agencyId
      ? await findMerchant(ctx.storage, principal.agencyId, String(req.params.merchantRef))
      : undefined;
  if (op.merchantScoped && !merchant) {
    return refuse({
      slug: "merchant_not_found",
      detail: `no merchant ${String(req.params.merchantRef)}`,
      field: "merchantRef",
    });
  }
  // An operation that takes no body takes none: an empty object at most (what some clients send).
  if (!op.body && req.body !== undefined && !isEmptyObject(req.body)) {
    return refuse({
      slug: "validation_error",
      detail: `${op.method.toUpperCase()} ${op.path} takes no body`,
      field: "body",
      errors: [{ field: "body", in: "body", message: "this operation takes no body" }],
    });
  }
  const params = validatePart(op.params, req.params, "path");
  const query = validatePart(op.query, req.query, "query");
  const body = validatePart(op.body, req.body ?? {}, "body");
  const errors = [params, query, body].flatMap((part) => (part.ok ? [] : part.errors));
  if (errors.length > 0 || !params.ok || !query.ok || !body.ok) {
    return refuse({
      slug: "validation_error",
      detail: errors.map((e) => `${e.field}: ${e.message}`).join("; "),
      field: errors[0]?.field,
      errors,
    });
  }
  const unstorable = findUnstorableText(req.body);
  if (unstorable) {
    return refuse({
      slug: "validation_error",
      detail: `${unstorable}: ${UNSTORABLE_TEXT}`,
      field: unstorable,
      errors: [{ field: unstorable, in: "body", message: UNSTORABLE_TEXT }],
    });
  }
  const execute = async () =>
    toStoredResponse(
      await op.handle({
        params: params.value,
        query: query.value,
        body: body.value,
        agencyId: principal.agencyId,
        apiKeyId: principal.apiKeyId,
        merchant: merchant ?? undefined,
      }),
      instance,
    );
  const key = req.get("idempotency-key");
  if (op.method !== "post" || key === undefined) return { stored: await execute() };
  if (!IDEMPOTENCY_KEY.test(key)) {
    return refuse({
      slug: "validation_error",
      detail: "Idempotency-Key must be 1 to 255 printable ASCII characters",
      field: "Idempotency-Key",
      errors: [{ field: "Idempotency-Key", in: "header", message: "1 to 255 printable ASCII characters" }],
    });
  }
  const outcome = await runIdempotently(
    dbOf(ctx.storage),
    {
      scope: principal.agencyId ?? "operator",
      key,
      sealer: ctx.storage,
      requestHash: requestHash(req.method, instance, req.body),
      now: ctx.now,
    },
    execute,
  );
  if (outcome.kind === "mismatch") {
    return refuse({
      slug: "idempotency_key_reused",
      detail: "this Idempotency-Key was first used with another request; use a new key for a new request",
      field: "Idempotency-Key",
    });
  }
  if (outcome.kind === "unreadable") {
    // The status is stored apart from the sealed answer: it says whether the first request took effect.
    const done = outcome.status !== null && outcome.status < 400;
    return refuse({
      slug: "idempotency_key_unreadable",
      detail: `the first request with this Idempotency-Key was answered ${outcome.status ?? "?"}, but that answer can no longer be read (the server's master key changed): ${done ? "it was carried out, so look its result up rather than send it again" : "it did not take effect, so it may be sent again with a new key"}`,
      field: "Idempotency-Key",
    });
  }
  if (outcome.kind === "in_progress") {
    return refuse({
      slug: "idempotency_request_in_progress",
      detail: "retry once the first request has finished",
    });
  }
  return { stored: outcome.response, replayed: outcome.kind === "replayed" };
}

function respond(
  ctx: BridgeContext,
  req: Request,
  res: Response,
  stored: StoredResponse,
  replayed = false,
): void {
  if (stored.status >= 400) {
    const body = stored.body as { type?: string; detail?: string };
    const log = {
      method: req.method,
      path: req.originalUrl.split("?")[0],
      status: stored.status,
      type: body.type,
    };
    if (stored.status >= 500) ctx.logger.error(log, "bridge request failed");
    else ctx.logger.warn({ ...log, detail: body.detail }, "bridge request refused");
  }
  sendStored(res, stored, replayed ? { "Idempotent-Replayed": "true" } : {});
}

/** Last in the router: body-parser failures are the client's (4xx); anything else is ours, logged with its stack. */
export function problemErrorHandler(ctx: BridgeContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = (error ?? {}) as { type?: string; status?: number };
    const slug: ProblemSlug =
      e.type === "entity.parse.failed"
        ? "malformed_json"
        : e.type === "entity.too.large"
          ? "payload_too_large"
          : e.type === "entity.too.deep"
            ? "nesting_too_deep"
            : e.type === "media.unsupported" ||
                e.type === "charset.unsupported" ||
                e.type === "encoding.unsupported"
              ? "unsupported_media_type"
              : // Other client faults Express reports: a path that is not valid UTF-8, an aborted body.
                typeof e.status === "number" && e.status >= 400 && e.status < 500
                ? "malformed_request"
                : error instanceof StorageUnavailableError
                  ? "database_unavailable"
                  : "internal_error";
    if (slug === "internal_error")
      ctx.logger.error({ err: error, path: req.originalUrl }, "bridge route crashed");
    if (res.headersSent) return;
    if (slug === "database_unavailable")
      ctx.logger.warn({ path: req.originalUrl, reason: (error as Error).message }, "database unavailable");
    const detail =
      error instanceof BodyError
        ? error.message
        : slug === "internal_error" || slug === "database_unavailable"
          ? "the error was logged; retry later"
          : slug === "malformed_request"
            ? "fix the request (its URL must be valid percent-encoded UTF-8) and retry"
            : "fix the request body and retry";
    respond(ctx, req, res, problemResponse({ slug, detail }, req.originalUrl.split("?")[0]));
  };
}

export function notFoundProblem(ctx: BridgeContext) {
  return (req: Request, res: Response) =>
    respond(
      ctx,
      req,
      res,
      problemResponse({
        slug: "not_found",
        detail: `no route for ${req.method} ${req.originalUrl.split("?")[0]}`,
      }),
    );
}

export function newRouter(): Router {
  return Router();
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
