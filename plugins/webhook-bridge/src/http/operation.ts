import type { Tenant } from "@alma-suite/core/storage";
import type { z } from "zod";
import type { Problem, ProblemSlug } from "./problem.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type Auth = "agency" | "operator" | "public";

/** What a handler answers: a response, or an expected refusal as a problem value. */
export type OpResult =
  | { ok: true; status: number; body?: unknown; headers?: Record<string, string> }
  | { ok: false; problem: Problem };

export interface OpContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set for agency-authenticated operations. */
  agencyId: string | null;
  apiKeyId: string | null;
}

export type MerchantOpContext<P, Q, B> = OpContext<P, Q, B> & { merchant: Tenant };

interface OperationMeta {
  /** operationId in the OpenAPI document. */
  id: string;
  method: HttpMethod;
  /** Express path relative to the mount, e.g. `/v1/merchants/:merchantRef/payments`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  /** Merchant-scoped: `:merchantRef` is resolved within the calling agency before the handler runs. */
  merchantScoped: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  problems: ProblemSlug[];
}

/** An operation with its schemas erased: what the router mounts and the OpenAPI generator reads. */
export interface Operation extends OperationMeta {
  handle(ctx: OpContext<unknown, unknown, unknown> & { merchant?: Tenant }): Promise<OpResult>;
}

type Spec<P, Q, B, C> = Omit<OperationMeta, "merchantScoped" | "params" | "query" | "body" | "problems"> & {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  problems?: ProblemSlug[];
  handle(ctx: C): Promise<OpResult>;
};

/**
 * One place describes a route: its schemas validate the request, document it in the OpenAPI
 * document and type the handler, so the three cannot drift apart.
 */
export function defineOperation<P = undefined, Q = undefined, B = undefined>(
  spec: Spec<P, Q, B, OpContext<P, Q, B>>,
): Operation {
  return {
    ...spec,
    merchantScoped: false,
    problems: spec.problems ?? [],
    handle: (ctx) => spec.handle(ctx as OpContext<P, Q, B>),
  };
}

export function defineMerchantOperation<P = undefined, Q = undefined, B = undefined>(
  spec: Omit<Spec<P, Q, B, MerchantOpContext<P, Q, B>>, "auth">,
): Operation {
  return {
    ...spec,
    auth: "agency",
    merchantScoped: true,
    problems: ["merchant_not_found", ...(spec.problems ?? [])],
    handle: (ctx) => {
      if (!ctx.merchant) throw new Error(`${spec.id} ran without its merchant`);
      return spec.handle(ctx as MerchantOpContext<P, Q, B>);
    },
  };
}

export function ok(status: number, body?: unknown, headers?: Record<string, string>): OpResult {
  return { ok: true, status, body, headers };
}
