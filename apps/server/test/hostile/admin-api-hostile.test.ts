import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { startHostileServer } from "./support/hostile-server.ts";
import { hostileString, nearMiss, oversized, pathSegment } from "./support/hostile-values.ts";
import { expectRefusal, send } from "./support/refusal.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

describe("the operator API under hostile input", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHostileServer({ plugins: [] });
    // A real job, so that a retry of a hostile id has something to miss.
    await server.storage.enqueue({ type: "hostile:noop", key: "hostile:noop:1", payload: {} });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const admin = (method: string, path: string, token = server.adminToken, body?: string) =>
    send(`${server.url}/admin/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body,
    });

  it("refuses forged and near-miss admin tokens (401)", async () => {
    const tokens = fc.oneof(
      hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, "") || "x"),
      fc.boolean().map((atEnd) => nearMiss(server.adminToken, atEnd)),
      fc.constant(server.adminToken.slice(0, -1)),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        tokens,
        fc.constantFrom("GET /jobs", "GET /tenants", "DELETE /jobs/dead"),
        async (token, route) => {
          const [method = "GET", path = "/"] = route.split(" ");
          expectRefusal(await admin(method, path, token), [401], `${route} ${token.slice(0, 40)}`);
        },
      ),
    );
  });

  it("refuses hostile queries (400) and retries of ids that are not failed jobs (400/404)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, fc.constantFrom("state", "limit", "type"), async (value, name) => {
        fc.pre(
          !(name === "type" && value.length <= 100 && !value.includes("\u0000")) &&
            !(name === "limit" && /^\s*\d+\s*$/.test(value)),
        );
        const answer = await admin("GET", `/jobs?${name}=${encodeURIComponent(value.toWellFormed())}`);
        expectRefusal(answer, [400], `${name}=${JSON.stringify(value)}`);
      }),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, async (id) => {
        const answer = await admin("POST", `/jobs/${pathSegment(id) || "%20"}/retry`);
        expectRefusal(answer, [400, 404], `retry ${JSON.stringify(id)}`);
      }),
    );
  });

  it("answers 413 to a body over 16 kB", async () => {
    expectRefusal(await admin("POST", "/jobs/x/retry", server.adminToken, oversized(20 * 1024)), [413]);
  });
});
