import fc from "fast-check";
import { hostileString } from "../../hostile/support/hostile-values.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import { OPERATOR, type Side } from "./fuzz-world.ts";
import { hostileBody } from "./hostile-bodies.ts";

type Schema = Record<string, unknown>;

export interface DocOperation {
  operationId: string;
  method: string;
  path: string;
  security: unknown[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { "x-problem-types"?: string[] }>;
}

/** Every operation of the bridge's OpenAPI document. */
export function operationsOf(document: {
  paths: Record<string, Record<string, DocOperation>>;
}): DocOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
  );
}

/** A value the schema accepts, as plain as possible: the base the hostile families mutate. */
export function exampleOf(schema: Schema | undefined): unknown {
  if (!schema) return {};
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options?.[0]) return exampleOf(options[0]);
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, exampleOf(value)]));
    }
    case "array":
      return [exampleOf(schema.items as Schema)];
    case "integer":
    case "number":
      return Math.max(Number(schema.minimum ?? 1), Number(schema.exclusiveMinimum ?? 0) + 1, 1000);
    case "boolean":
      return true;
    case "string":
      return schema.format === "uri"
        ? "https://shop.example/fuzz"
        : schema.format === "email"
          ? "a@b.example"
          : "fuzz";
    default:
      return null;
  }
}

const TRAVERSAL = [
  "..",
  "../fuzz-shop-b",
  "..%2Ffuzz-shop-b",
  "%2e%2e%2f%2e%2e",
  "fuzz-shop-a%2F..%2Ffuzz-shop-b",
  "%00",
  "%ED%A0%80",
  "%",
];

/** What replaces each path parameter: the side's own id, the other side's, or a hostile one. */
function idsFor(param: string, own: Side, other: Side): { own?: string; other?: string } {
  switch (param) {
    case "merchantRef":
      return { own: own.merchantRef, other: other.merchantRef };
    case "paymentId":
      return { own: own.paymentId, other: other.paymentId };
    case "tenantId":
      return { own: own.merchantId, other: other.merchantId };
    default:
      return {};
  }
}

/**
 * Requests for one operation of the document: the attacker is side A (or B, swapped), with its
 * own, the other side's, forged, missing or the operator's credentials, ids that are its own,
 * the other side's, hostile or path traversals, and a body from one of the hostile families.
 */
export function bridgeRequests(
  op: DocOperation,
  sides: { a: Side; b: Side },
  basket: unknown,
): fc.Arbitrary<FuzzRequest> {
  const params = [...op.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1] as string);
  const isOperator = op.path.includes("/operator/");
  const isPublic = op.security.length === 0;
  const schema = op.requestBody?.content["application/json"]?.schema;
  const example = op.operationId === "createCheckout" ? basket : exampleOf(schema);
  // Weighted towards the attacker's own valid key and ids, so most requests reach validation and handlers.
  const credentials = fc.constantFrom(
    "own",
    "own",
    "own",
    "other-agency",
    "forged",
    "missing",
    "operator",
    "near-miss",
  );
  const idChoice = fc.constantFrom("own", "own", "other", "hostile", "traversal");
  return fc
    .record({
      swap: fc.boolean(),
      credential: credentials,
      ids: fc.array(fc.tuple(idChoice, hostileString, fc.constantFrom(...TRAVERSAL)), {
        minLength: params.length,
        maxLength: params.length,
      }),
      body: hostileBody(example, 256 * 1024),
      query: fc.option(fc.tuple(fc.constantFrom("limit", "cursor", "state", "since", "pid"), hostileString), {
        freq: 3,
      }),
    })
    .map(({ swap, credential, ids, body, query }) => {
      const [own, other] = swap ? [sides.b, sides.a] : [sides.a, sides.b];
      const owners = new Set<Side>();
      let path = op.path;
      params.forEach((param, i) => {
        const [choice, hostile, traversal] = ids[i] as [string, string, string];
        const known = idsFor(param, own, other);
        // Never its own ids on a DELETE: the fuzz would remove the very data it aims at.
        const ownId = op.method === "DELETE" ? undefined : known.own;
        let value: string;
        if (choice === "own" && ownId) {
          value = encodeURIComponent(ownId);
          owners.add(own);
        } else if ((choice === "other" || choice === "own") && known.other) {
          value = encodeURIComponent(known.other);
          owners.add(other);
        } else if (choice === "traversal") value = traversal;
        else value = encodeURIComponent(hostile.toWellFormed()).replace(/%EF%BF%BD/g, "%ED%A0%80") || "x";
        path = path.replace(`{${param}}`, value);
      });
      const token =
        credential === "own"
          ? own.bridgeKey
          : credential === "other-agency"
            ? other.bridgeKey
            : credential === "operator"
              ? OPERATOR
              : credential === "near-miss"
                ? `${own.bridgeKey.slice(0, -1)}${own.bridgeKey.endsWith("A") ? "B" : "A"}`
                : credential === "forged"
                  ? `abk_${"0".repeat(16)}_${"A".repeat(43)}`
                  : undefined;
      // Whose data the credentials open: an agency key its own agency's, nothing else anyone's.
      const acting = credential === "own" ? own : credential === "other-agency" ? other : undefined;
      const crossTenant = acting !== undefined && !isOperator && [...owners].some((side) => side !== acting);
      const foreignMarkers =
        acting === own ? other.markers : acting === other ? own.markers : [...own.markers, ...other.markers];
      const sendsBody = op.method !== "GET" || body.family === "deep" || body.family === "huge";
      const search = query ? `?${query[0]}=${encodeURIComponent(query[1].toWellFormed())}` : "";
      return {
        route: `bridge ${op.operationId}`,
        format: "problem" as const,
        // A raw `/` in an id makes another path (answered by the bridge's "no route"): not this operation's answer.
        ...(segments(path) === segments(op.path) ? { operationId: op.operationId } : {}),
        method: op.method,
        path: `${path}${search}`,
        headers: {
          ...(token && !isPublic ? { authorization: `Bearer ${token}` } : {}),
          ...(sendsBody && body.contentType ? { "content-type": body.contentType } : {}),
        },
        ...(sendsBody && body.text !== undefined ? { body: body.text } : {}),
        family: `${body.family}/${credential}/${ids.map((i) => i[0]).join(",") || "-"}`,
        foreignMarkers: isOperator || isPublic ? [] : foreignMarkers,
        crossTenant,
      };
    });
}

const segments = (path: string) => path.split("/").length;
