import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { signIpn } from "@alma-suite/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { startHostileServer } from "./support/hostile-server.ts";
import { forgedHex, hostileString, nearMiss, oversized, pathSegment } from "./support/hostile-values.ts";
import { BACKENDS, freshPostgresDatabase } from "./support/postgres-database.ts";
import { expectRefusal, rawRequest, send } from "./support/refusal.ts";
import { rowCounts } from "./support/row-counts.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

const KEY_A = "sk_test_hostileIpnTenantA01";
const KEY_B = "sk_test_hostileIpnTenantB01";
const PID_A = "payment_11hostileTenantA";
const PID_B = "payment_11hostileTenantB";

describe.each(BACKENDS)("GET /alma/ipn/:tenantId under hostile input (%s)", (_backend, postgres) => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;
  let server: RunningServer;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    database = postgres ? await freshPostgresDatabase() : undefined;
    server = await startHostileServer({
      config: database ? { DATABASE_URL: database.url } : {},
      plugins: [],
    });
    await provisionSandboxKeys(server.almaBaseUrl, KEY_A, KEY_B);
    const tenant = async (externalId: string, key: string, pid: string) => {
      const { tenant } = await server.storage.createTenant({
        platform: "bridge",
        externalId,
        name: externalId,
      });
      await server.storage.setSecret(tenant.id, "alma_test_key", key);
      await server.storage.createPaymentLink({
        tenantId: tenant.id,
        platformOrderRef: `order-${externalId}`,
        amountCents: 45_000,
        currency: "EUR",
        almaPaymentId: pid,
      });
      return tenant.id;
    };
    tenantA = await tenant("hostile:a", KEY_A, PID_A);
    tenantB = await tenant("hostile:b", KEY_B, PID_B);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const ipn = (tenant: string, query: string, headers: Record<string, string> = {}) =>
    send(`${server.url}/alma/ipn/${tenant}?${query}`, { headers });

  /** Runs a property and checks that not one row changed in any table, and the server still answers. */

  it("refuses any pid that is not a known payment of the tenant, signed or not (400/401/404)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, fc.boolean(), async (pid, signed) => {
        fc.pre(pid !== PID_A);
        const headers: Record<string, string> = signed
          ? { "x-alma-signature": signIpn(pid.toWellFormed() || "x", KEY_A) }
          : {};
        const answer = await ipn(tenantA, `pid=${encodeURIComponent(pid.toWellFormed())}`, headers);
        expectRefusal(answer, [400, 401, 404], `pid ${JSON.stringify(pid)}`);
      }),
    );
  });

  it("refuses forged, near-miss, other-key and malformed signatures on a genuine pid (401)", async () => {
    const genuine = signIpn(PID_A, KEY_A);
    const signatures = fc.oneof(
      forgedHex,
      fc.boolean().map((atEnd) => nearMiss(genuine, atEnd)),
      fc.constant(signIpn(PID_A, KEY_B)),
      fc.constant(signIpn(PID_B, KEY_A)),
      fc.constant(genuine.slice(0, 63)),
      fc.constant(`${genuine}0`),
      fc.constant(Buffer.from(genuine, "hex").toString("base64")),
      hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, "")),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(signatures, async (signature) => {
        const answer = await ipn(tenantA, `pid=${PID_A}`, { "x-alma-signature": signature });
        expectRefusal(answer, [401], `signature ${signature}`);
      }),
    );
  });

  it("never lets one tenant's URL touch another tenant's payment, whichever key signs (401/404)", async () => {
    const cases = fc.constantFrom(
      [tenantB, PID_A, KEY_A],
      [tenantB, PID_A, KEY_B],
      [tenantA, PID_B, KEY_A],
      [tenantA, PID_B, KEY_B],
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(cases, async ([tenant, pid, key]) => {
        const answer = await ipn(tenant, `pid=${pid}`, { "x-alma-signature": signIpn(pid, key) });
        expectRefusal(answer, [401, 404], `${tenant} ${pid}`);
      }),
    );
  });

  it("refuses hostile tenant ids in the URL, including bytes that are not UTF-8 (400/404)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, async (tenant) => {
        fc.pre(tenant !== tenantA && tenant !== tenantB);
        const segment = pathSegment(tenant) || "%20";
        const answer = await ipn(segment, `pid=${PID_A}`, { "x-alma-signature": signIpn(PID_A, KEY_A) });
        expectRefusal(answer, [400, 401, 404], `tenant ${JSON.stringify(tenant)}`);
      }),
    );
  });

  it("refuses repeated, empty and oversized query and header values (400/401/431)", async () => {
    const sign = signIpn(PID_A, KEY_A);
    for (const query of [`pid=${PID_A}&pid=${PID_A}`, "pid[x]=1", "pid=", "", `pid=${"9".repeat(5000)}`]) {
      expectRefusal(await ipn(tenantA, query, { "x-alma-signature": sign }), [400], query.slice(0, 40));
    }
    expectRefusal(await ipn(tenantA, `pid=${PID_A}`, { "x-alma-signature": "a".repeat(6000) }), [401]);
    const notUtf8 = await ipn("%ED%A0%80", `pid=${PID_A}`, { "x-alma-signature": sign });
    expectRefusal(notUtf8, [400], "lone surrogate in the path");
    expect(JSON.parse(notUtf8.text)).toEqual({ error: "the URL is not valid percent-encoded UTF-8" });
    expect(await server.storage.listJobs({})).toEqual([]);
  });

  it("answers 413 to a body on the notification, which never has one", async () => {
    const before = await rowCounts(server.storage);
    const answer = await rawRequest(`${server.url}/alma/ipn/${tenantA}?pid=${PID_A}`, {
      method: "GET",
      headers: { "x-alma-signature": signIpn(PID_A, KEY_A), "content-type": "application/json" },
      body: oversized(64 * 1024),
    });
    expectRefusal(answer, [413], "body");
    expect(await rowCounts(server.storage)).toEqual(before);
  });
});
