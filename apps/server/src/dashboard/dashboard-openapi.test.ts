import { DASHBOARD_OPERATIONS, dashboardApiDocument } from "@alma-suite/core/dashboard-api";
import { jsonSchemaOf } from "@alma-suite/core/openapi";
import type { Router } from "express";
import { describe, expect, it } from "vitest";
import { dashboardRouter } from "./dashboard-router.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const openApiPath = (path: string) => `/dashboard/api${path.replace(/:([A-Za-z]+)/g, "{$1}")}`;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD path` the router (and the routers it mounts) answers, as Express declares them. */
function mountedRoutes(router: Router): string[] {
  const walk = (layers: Layer[]): string[] =>
    layers.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
        : walk(layer.handle?.stack ?? []),
    );
  return walk((router as unknown as { stack: Layer[] }).stack);
}

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.push(inner);
      else refs(inner, found);
    }
  return found;
}

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
const doc: any = dashboardApiDocument(DASHBOARD_OPERATIONS, { version: "1.0.0" });

describe("the dashboard API document", () => {
  it("lists every route the dashboard API mounts, and nothing else", () => {
    const { router } = dashboardRouter({
      storage: {} as never,
      almaFor: () => Promise.reject(new Error("unused")),
      pluginFor: () => undefined,
      adminToken: "dashboard-openapi-test-token-0001",
      publicUrl: "http://localhost",
      smtpUrl: undefined,
      logger: silent,
      now: Date.now,
    });
    // Outside the API: the merchant's login link, the page itself, and this document.
    const outside = new Set(["GET /login/:token", "GET /", "GET /openapi.json"]);
    const mounted = mountedRoutes(router).filter((route) => !outside.has(route));
    const documented = DASHBOARD_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(new Set(mounted)).toEqual(new Set(documented));
    expect(mounted).toHaveLength(documented.length);
    const ids = DASHBOARD_OPERATIONS.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is an OpenAPI 3.1 document whose bodies and answers are the routes' own zod schemas", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: "1.0.0" });
    const entries = Object.values(doc.paths).flatMap((methods) => Object.keys(methods as object));
    expect(entries).toHaveLength(DASHBOARD_OPERATIONS.length);
    for (const op of DASHBOARD_OPERATIONS) {
      const entry = doc.paths[openApiPath(op.path)]?.[op.method];
      expect(entry, op.id).toBeDefined();
      expect(entry.operationId).toBe(op.id);
      const success = entry.responses[String(op.success.status)];
      expect(success.description, op.id).toBeTruthy();
      if (op.success.schema)
        expect(success.content["application/json"].schema, op.id).toEqual(
          jsonSchemaOf(op.success.schema, "output"),
        );
      else expect(success.content, op.id).toBeUndefined();
      if (op.body)
        expect(entry.requestBody.content["application/json"].schema, op.id).toEqual(
          jsonSchemaOf(op.body, "input"),
        );
      const params: { name: string; in: string; required: boolean }[] = entry.parameters ?? [];
      for (const [, name] of op.path.matchAll(/:([A-Za-z]+)/g))
        expect(params, `${op.id} ${name}`).toContainEqual(
          expect.objectContaining({ name, in: "path", required: true }),
        );
      expect(entry.security, op.id).toEqual(op.auth === "public" ? [] : [{ dashboardSession: [] }]);
      if (op.auth !== "public") expect(entry.responses["401"], op.id).toBeDefined();
      if (op.method !== "get") expect(entry.responses["403"], op.id).toBeDefined();
      for (const status of Object.keys(op.refusals))
        expect(entry.responses[status], `${op.id} ${status}`).toBeDefined();
    }
  });

  it("documents the payments list's query parameters and the payment states", () => {
    const list = doc.paths[openApiPath("/tenants/:tenantId/payments")].get;
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      "path:tenantId",
      "query:state",
      "query:q",
      "query:limit",
      "query:cursor",
    ]);
    expect(list.parameters.find((p: { name: string }) => p.name === "limit")).toMatchObject({
      required: false,
    });
    const states =
      doc.paths[openApiPath("/tenants/:tenantId/payments/:paymentId")].get.responses["200"].content[
        "application/json"
      ].schema.properties.payment.properties.state;
    expect(states.enum).toContain("partially_refunded");
  });

  it("resolves every reference, and is plain JSON", () => {
    for (const ref of refs(doc)) {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce(
          (node: Record<string, unknown> | undefined, key) => node?.[key] as Record<string, unknown>,
          doc,
        );
      expect(target, ref).toBeDefined();
    }
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
