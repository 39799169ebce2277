import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

let h: BridgeHarness;
// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
let doc: any;
beforeAll(async () => {
  h = await startBridgeHarness();
  doc = (await h.api("GET", "/bridge/openapi.json")).body;
});
afterAll(() => h.close());

const openApiPath = (path: string) => `/bridge${path.replace(/:([A-Za-z]+)/g, "{$1}")}`;

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.push(inner);
      else refs(inner, found);
    }
  }
  return found;
}

describe("/bridge/openapi.json", () => {
  it("is an OpenAPI 3.1 document describing every operation the router mounts, and nothing else", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const mounted = h.bridge.routes.stack
      .filter((layer) => layer.route)
      .flatMap((layer) => {
        const route = layer.route as unknown as { path: string; methods: Record<string, boolean> };
        return Object.keys(route.methods).map(
          (method) => `${method.toUpperCase()} ${openApiPath(route.path)}`,
        );
      })
      .filter((route) => !route.endsWith("/openapi.json") && !route.includes("/problems/"));
    expect(new Set(documented)).toEqual(new Set(mounted));
    expect(documented.length).toBe(h.bridge.operations.length);
    const ids = h.bridge.operations.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares every path parameter, the Idempotency-Key of every POST and the security of each route", () => {
    for (const op of h.bridge.operations) {
      const entry = doc.paths[openApiPath(op.path)][op.method];
      const params: { name: string; in: string; required: boolean }[] = entry.parameters ?? [];
      for (const [, name] of op.path.matchAll(/:([A-Za-z]+)/g)) {
        expect(params, `${op.id} ${name}`).toContainEqual(
          expect.objectContaining({ name, in: "path", required: true }),
        );
      }
      if (op.method === "post" && op.auth !== "public") {
        expect(
          params.map((p) => p.name),
          op.id,
        ).toContain("Idempotency-Key");
      }
      expect(entry.security, op.id).toEqual(
        op.auth === "agency" ? [{ agencyApiKey: [] }] : op.auth === "operator" ? [{ operatorToken: [] }] : [],
      );
      for (const [status, response] of Object.entries(
        entry.responses as Record<string, { description: string }>,
      )) {
        expect(response.description, `${op.id} ${status}`).toBeTruthy();
      }
      if (op.auth !== "public")
        expect(entry.responses["401"].content["application/problem+json"], op.id).toBeTruthy();
    }
  });

  it("lists every status an operation can answer, with its problem types, and closes request bodies", () => {
    for (const op of h.bridge.operations) {
      const entry = doc.paths[openApiPath(op.path)][op.method];
      const statuses = [
        "400",
        "413",
        "415",
        "422",
        "429",
        "500",
        "503",
        ...(op.auth === "public" ? [] : ["401"]),
      ];
      for (const status of statuses) {
        expect(entry.responses[status]?.["x-problem-types"], `${op.id} ${status}`).toEqual(
          expect.arrayContaining([expect.stringMatching(/^\/bridge\/problems\//)]),
        );
      }
      expect(entry.responses["400"]["x-problem-types"]).toContain("/bridge/problems/nesting-too-deep");
      if (op.merchantScoped)
        expect(entry.responses["404"]["x-problem-types"]).toContain("/bridge/problems/merchant-not-found");
      if (op.method === "post" && op.auth !== "public")
        expect(entry.responses["409"]["x-problem-types"]).toContain(
          "/bridge/problems/idempotency-request-in-progress",
        );
    }
    const refund = doc.paths["/bridge/v1/merchants/{merchantRef}/payments/{paymentId}/refunds"].post;
    const body = refund.requestBody.content["application/json"].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toContain("amount");
    expect(body.properties.amount.anyOf).toEqual(
      expect.arrayContaining([expect.objectContaining({ const: "full" })]),
    );
  });

  it("carries the zod schemas: required fields, enums and problem types", () => {
    const checkout = doc.paths["/bridge/v1/merchants/{merchantRef}/checkouts"].post;
    const body = checkout.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(
      expect.arrayContaining(["order_reference", "amount", "currency", "return_url", "cancel_url"]),
    );
    expect(body.properties.amount).toMatchObject({ type: "integer", exclusiveMinimum: 0 });
    expect(checkout.responses["422"].description).toContain("/bridge/problems/amount-below-minimum");
    const endpoint =
      doc.paths["/bridge/v1/merchants/{merchantRef}/endpoints"].post.requestBody.content["application/json"]
        .schema;
    expect(endpoint.properties.event_types.anyOf[0].items.enum).toContain("payment.refunded");
    const list = doc.paths["/bridge/v1/merchants/{merchantRef}/payments"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "status", "order_reference", "created_gte", "created_lt"]),
    );
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
    expect(new Set(refs(doc))).toEqual(new Set(["#/components/schemas/Problem"]));
    expect(doc.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(["type", "title", "status", "detail"]),
    );
  });
});
