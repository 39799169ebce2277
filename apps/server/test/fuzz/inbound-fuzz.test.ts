import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowCounts } from "../hostile/support/row-counts.ts";
import { bridgeRequests, type DocOperation, operationsOf } from "./support/bridge-requests.ts";
import { checkAnswer, type Finding } from "./support/check-answer.ts";
import type { FuzzRequest } from "./support/fuzz-request.ts";
import { type FuzzWorld, startFuzzWorld } from "./support/fuzz-world.ts";
import { routeTable, tableRequests } from "./support/route-table.ts";
import { sendRaw } from "./support/send-raw.ts";

/**
 * Generated hostile requests against every inbound route: the bridge's operations from its own
 * OpenAPI document, the other routes from a table. `npm test` runs a fixed seed and budget;
 * `npm run fuzz` (FUZZ_REQUESTS, FUZZ_SEED) runs longer or elsewhere in the space.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 24);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 6000);
/** The share of the budget the bridge's operations get; the rest goes to the table's routes. */
const BRIDGE_SHARE = 0.6;

const basket = JSON.parse(
  readFileSync(new URL("../../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("hostile requests on every inbound route", () => {
  let world: FuzzWorld;
  let document: { paths: Record<string, Record<string, DocOperation>> };
  const findings: Finding[] = [];
  /** Per bridge operation, the statuses answered and the problem types seen with each. */
  const seen = new Map<string, Map<number, Set<string>>>();
  let sent = 0;
  /** Answers counted by route and status: printed with FUZZ_REPORT=1 to see where the requests went. */
  const histogram = new Map<string, number>();

  beforeAll(async () => {
    world = await startFuzzWorld();
    document = (await (await fetch(`${world.server.url}/bridge/openapi.json`)).json()) as typeof document;
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  /** The placeholders of credentials only known once the world runs. */
  function finish(request: FuzzRequest): FuzzRequest {
    const headers = { ...request.headers };
    let { crossTenant, foreignMarkers } = request;
    if (headers.cookie === "__dashboard__") {
      // The dashboard session is always A's merchant's.
      headers.cookie = world.dashboardCookie;
      crossTenant = request.path.includes(world.b.merchantId);
      foreignMarkers = world.b.markers;
    }
    if (headers.authorization === "Bearer __admin__")
      headers.authorization = `Bearer ${world.server.adminToken}`;
    return { ...request, headers, crossTenant, foreignMarkers };
  }

  async function run(request: FuzzRequest, before: Record<string, number>): Promise<Record<string, number>> {
    const full = finish(request);
    const answer = await sendRaw(world.server.url, full);
    sent++;
    findings.push(...checkAnswer(full, answer));
    const bucket = `${full.route} ${answer.status}`;
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
    if (full.operationId && answer.status >= 400) {
      const statuses = seen.get(full.operationId) ?? new Map<number, Set<string>>();
      const type = (() => {
        try {
          return String((JSON.parse(answer.text) as { type?: unknown }).type);
        } catch {
          return "(not JSON)";
        }
      })();
      statuses.set(answer.status, (statuses.get(answer.status) ?? new Set()).add(type));
      seen.set(full.operationId, statuses);
    }
    const after = await rowCounts(world.server.storage);
    if (answer.status >= 400 || answer.failure) {
      const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
      if (changed.length > 0)
        findings.push({
          kind: "write",
          route: full.route,
          family: full.family,
          status: answer.status,
          detail: `refused, yet rows changed in ${changed.join(", ")}`,
        });
    }
    return after;
  }

  it(`sends ${REQUESTS} hostile requests (seed ${SEED}): no 5xx, no hang, refusals in format, nothing written, no tenant reached`, async () => {
    const operations = operationsOf(document);
    const table = routeTable();
    const perOperation = Math.ceil((REQUESTS * BRIDGE_SHARE) / operations.length);
    const perRoute = Math.ceil((REQUESTS * (1 - BRIDGE_SHARE)) / table.length);
    const sides = { a: world.a, b: world.b, incompleteStore: world.incompleteStore };
    const requests: FuzzRequest[] = [
      ...operations.flatMap((op, i) =>
        fc.sample(bridgeRequests(op, sides, basket), { seed: SEED + i, numRuns: perOperation }),
      ),
      ...table.flatMap((spec, i) =>
        fc.sample(tableRequests(spec, sides), { seed: SEED + 1000 + i, numRuns: perRoute }),
      ),
    ];
    let counts = await rowCounts(world.server.storage);
    for (const request of requests) counts = await run(request, counts);
    if (process.env.FUZZ_REPORT)
      process.stderr.write(
        `${[...histogram]
          .sort()
          .map(([k, n]) => `${n}\t${k}`)
          .join("\n")}\nFINDINGS\n${summary(findings).join("\n")}\n`,
      );
    const alive = await fetch(`${world.server.url}/healthz`);
    expect(alive.status).toBe(200);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(summary(findings), `${findings.length} findings in ${sent} requests`).toEqual([]);
  }, 600_000);

  it("answers each bridge operation only with statuses and problem types its OpenAPI entry lists", () => {
    expect(seen.size).toBeGreaterThan(0);
    const undocumented: string[] = [];
    const operations = new Map(operationsOf(document).map((op) => [op.operationId, op]));
    for (const [operationId, statuses] of seen) {
      const op = operations.get(operationId);
      for (const [status, types] of statuses) {
        const listed = op?.responses[String(status)]?.["x-problem-types"];
        if (!listed) {
          undocumented.push(`${operationId} ${status} (${[...types].join(", ")}): status not in its entry`);
          continue;
        }
        for (const type of types)
          if (!listed.includes(type)) undocumented.push(`${operationId} ${status} ${type}: type not listed`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

/** Findings counted by kind, route and status, with one example each: a readable failure. */
function summary(findings: Finding[]): string[] {
  const groups = new Map<string, { count: number; example: Finding }>();
  for (const f of findings) {
    const key = `${f.kind} ${f.route} → ${f.status}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, example: f });
  }
  return [...groups].map(([key, g]) => `${g.count}× ${key} [${g.example.family}] ${g.example.detail}`);
}
