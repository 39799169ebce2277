import { describe, expect, it } from "vitest";
import { httpDashboardApi } from "./dashboard-api.ts";

function recordingFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe("dashboard API client", () => {
  it("sends the session cookie and the anti-forgery header on every request", async () => {
    const { calls, fetchImpl } = recordingFetch(202, { refund: { id: "r_1", amountCents: 1230 } });
    const api = httpDashboardApi({ base: "/dashboard/api", fetchImpl });
    const answer = await api.refund("t 1", "pay_9", { amountCents: 1230, idempotencyKey: "k-1" });
    expect(answer).toEqual({ ok: true, value: { refund: { id: "r_1", amountCents: 1230 } } });
    expect(calls[0]?.url).toBe("/dashboard/api/tenants/t%201/payments/pay_9/refunds");
    expect(calls[0]?.init).toMatchObject({
      method: "POST",
      credentials: "same-origin",
      body: '{"amountCents":1230,"idempotencyKey":"k-1"}',
      headers: { "X-Requested-With": "alma-dashboard", "Content-Type": "application/json" },
    });
    await api.tenants();
    expect(calls[1]?.init).toMatchObject({
      method: "GET",
      credentials: "same-origin",
      headers: { "X-Requested-With": "alma-dashboard" },
    });
  });

  it("puts the payments filters and cursor in the query", async () => {
    const { calls, fetchImpl } = recordingFetch(200, { payments: [], nextCursor: null });
    await httpDashboardApi({ fetchImpl }).payments("t1", {
      states: ["paid", "refunded"],
      q: "PS 1",
      cursor: "c2",
    });
    expect(calls[0]?.url).toBe("./api/tenants/t1/payments?state=paid%2Crefunded&q=PS+1&limit=50&cursor=c2");
  });

  it("reports a 401 to the app so it can show the login page", async () => {
    const { fetchImpl } = recordingFetch(401, { error: "Sign in to continue." });
    let signedOut = 0;
    const api = httpDashboardApi({ fetchImpl, onUnauthorized: () => signedOut++ });
    expect(await api.jobs("t1")).toEqual({ ok: false, status: 401, error: "Sign in to continue." });
    expect(signedOut).toBe(1);
  });

  it("turns error bodies into values with the server's sentence, field and refundable amount", async () => {
    const { fetchImpl } = recordingFetch(422, {
      error: "Only €225.00 can still be refunded.",
      refundableCents: 22500,
    });
    let signedOut = 0;
    const api = httpDashboardApi({ fetchImpl, onUnauthorized: () => signedOut++ });
    expect(await api.refund("t1", "p1", { amountCents: 30000, idempotencyKey: "k" })).toEqual({
      ok: false,
      status: 422,
      error: "Only €225.00 can still be refunded.",
      refundableCents: 22500,
    });
    const invalid = recordingFetch(400, { error: "Enter a phone or an e-mail.", field: "customer" });
    expect(
      await httpDashboardApi({ fetchImpl: invalid.fetchImpl }).createPaymentLink("t1", {
        amountCents: 100,
        reference: "R",
        installmentsCount: 3,
        customer: {},
      }),
    ).toMatchObject({ ok: false, status: 400, field: "customer" });
    expect(signedOut).toBe(0);
  });

  it("survives a body that is not JSON and a network failure", async () => {
    const { fetchImpl } = recordingFetch(502, "<html>Bad gateway</html>");
    expect(await httpDashboardApi({ fetchImpl }).tenants()).toEqual({
      ok: false,
      status: 502,
      error: "Request failed (502)",
    });
    const offline = (async () => {
      throw new TypeError("network");
    }) as typeof fetch;
    expect(await httpDashboardApi({ fetchImpl: offline }).session()).toMatchObject({ ok: false, status: 0 });
  });
});
