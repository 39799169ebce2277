import { describe, expect, it } from "vitest";
import { httpSettingsApi } from "./settings-api.ts";

function recordingFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe("settings API client", () => {
  it("sends JSON with the session cookie and reads the answer", async () => {
    const { calls, fetchImpl } = recordingFetch(200, { redirectUrl: "https://a.myshopify.com/services/x" });
    const answer = await httpSettingsApi("/shopify/settings/api", fetchImpl).save({
      almaMode: "test",
      plans: [],
    });
    expect(answer).toEqual({ ok: true, value: { redirectUrl: "https://a.myshopify.com/services/x" } });
    expect(calls[0]).toMatchObject({
      url: "/shopify/settings/api/save",
      init: { method: "POST", credentials: "same-origin", body: '{"almaMode":"test","plans":[]}' },
    });
  });

  it("turns refusals into values with the server's message and field details", async () => {
    const { fetchImpl } = recordingFetch(422, {
      error: "some plans are not valid",
      details: [{ key: "general_3_0_0", message: "too low" }],
    });
    expect(await httpSettingsApi("/api", fetchImpl).save({ almaMode: "test", plans: [] })).toEqual({
      ok: false,
      status: 422,
      error: "some plans are not valid",
      details: [{ key: "general_3_0_0", message: "too low" }],
    });
    const offline = (async () => {
      throw new TypeError("network");
    }) as typeof fetch;
    expect(await httpSettingsApi("/api", offline).state()).toMatchObject({ ok: false, status: 0 });
  });
});
