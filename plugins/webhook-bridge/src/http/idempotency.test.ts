import { setTimeout as sleep } from "node:timers/promises";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import {
  ALMA_URL,
  type BridgeHarness,
  OPERATOR_TOKEN,
  startBridgeHarness,
} from "../testing/bridge-harness.ts";
import { almaFeePlans, almaPayment, loadFixture } from "../testing/fixtures.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { IDEMPOTENCY_LOCK_MS, runIdempotently, type StoredResponse } from "./idempotency.ts";

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const basket = (orderReference: string) => ({
  ...loadFixture("bridge", "checkouts/basket-3x"),
  order_reference: orderReference,
});

describe.each([
  ["sqlite", false],
  ["postgres", true],
])("Idempotency-Key on %s", (_name, postgres) => {
  let h: BridgeHarness;
  let key: string;
  let base: string;
  beforeAll(async () => {
    h = await startBridgeHarness({ postgres });
    ({ key, base } = await setupMerchant(h));
  });
  afterAll(() => h.close());

  it("runs 20 concurrent identical requests once and gives all of them the same answer", async () => {
    almaFeePlans();
    // Slow enough that every duplicate arrives while the first is still running.
    const create = nock(ALMA_URL)
      .post("/v1/payments")
      .delay(300)
      .reply(
        200,
        almaPayment({
          id: "payment_11idem0001",
          state: "not_started",
          purchase_amount: 45000,
          url: "https://checkout.test/i1",
        }),
      );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.api("POST", `${base}/checkouts`, {
          key,
          body: basket("IDEM-1"),
          headers: { "idempotency-key": "order-IDEM-1-try" },
        }),
      ),
    );
    expect(create.isDone()).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    const links = await dbOf(h.storage).query(
      "SELECT id FROM payment_links WHERE platform_order_ref = 'IDEM-1'",
    );
    expect(links).toHaveLength(1);
  });

  it("keeps stored answers sealed: a replay hands the API key out again, a copy of the database does not", async () => {
    const create = () =>
      h.api("POST", "/bridge/v1/operator/agencies", {
        key: OPERATOR_TOKEN,
        body: { name: `Agence scellée ${postgres}` },
        headers: { "idempotency-key": `sealed-agency-${postgres}` },
      });
    const first = await create();
    expect(first.status).toBe(201);
    const token = (first.body as { api_key: { token: string } }).api_key.token;
    const [row] = await dbOf(h.storage).query("SELECT response_body FROM bridge_idempotency WHERE key = $1", [
      `sealed-agency-${postgres}`,
    ]);
    expect(String(row?.response_body)).not.toContain(token);
    expect(String(row?.response_body)).not.toContain(token.slice(-12));
    const replay = await create();
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);

    // Sealed under a key this server no longer has (a rotation): a clear refusal, not a 500.
    await dbOf(h.storage).execute("UPDATE bridge_idempotency SET response_body = $1 WHERE key = $2", [
      `v1.${"A".repeat(16)}.${"B".repeat(22)}.${"C".repeat(40)}`,
      `sealed-agency-${postgres}`,
    ]);
    const lost = await create();
    expect(lost.status).toBe(422);
    expect(lost.body).toMatchObject({
      type: "/bridge/problems/idempotency-key-unreadable",
      field: "Idempotency-Key",
    });
    // It says whether the first request took effect (201 here): look it up, do not send it again.
    expect(lost.body.detail).toMatch(/answered 201.*carried out, so look its result up/);
  });

  it("replays the stored answer later, and refuses the key with another body", async () => {
    almaFeePlans();
    nock(ALMA_URL)
      .post("/v1/payments")
      .reply(
        200,
        almaPayment({
          id: "payment_11idem0002",
          state: "not_started",
          purchase_amount: 45000,
          url: "https://checkout.test/i2",
        }),
      );
    const headers = { "idempotency-key": "k-2" };
    const first = await h.api("POST", `${base}/checkouts`, { key, body: basket("IDEM-2"), headers });
    // Same meaning, keys in another order: the same request.
    const reordered = Object.fromEntries(Object.entries(basket("IDEM-2")).reverse());
    const replay = await h.api("POST", `${base}/checkouts`, { key, body: reordered, headers });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const other = await h.api("POST", `${base}/checkouts`, { key, body: basket("IDEM-3"), headers });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      type: "/bridge/problems/idempotency-key-reused",
      field: "Idempotency-Key",
    });
  });

  it("does not store our own failures: the same key may be retried after a 503", async () => {
    nock(ALMA_URL).get("/v1/me/fee-plans").query(true).reply(503, { message: "maintenance" });
    const headers = { "idempotency-key": "k-4" };
    const failed = await h.api("POST", `${base}/checkouts`, { key, body: basket("IDEM-4"), headers });
    expect(failed.status).toBe(503);
    almaFeePlans();
    nock(ALMA_URL)
      .post("/v1/payments")
      .reply(
        200,
        almaPayment({
          id: "payment_11idem0004",
          state: "not_started",
          purchase_amount: 45000,
          url: "https://checkout.test/i4",
        }),
      );
    const retried = await h.api("POST", `${base}/checkouts`, { key, body: basket("IDEM-4"), headers });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
  });

  it("never stores a 'try again later' answer (409, 429, 5xx): the same key runs again, a final 422 is kept", async () => {
    const db = dbOf(h.storage);
    const options = { scope: "retry-later", requestHash: "h", now: Date.now, sealer: h.storage };
    const answer = (status: number) => async (): Promise<StoredResponse> => ({
      status,
      contentType: "application/json",
      headers: {},
      body: { status },
    });
    for (const status of [409, 429, 500, 503]) {
      const first = await runIdempotently(db, { ...options, key: `k-${status}` }, answer(status));
      expect(first).toMatchObject({ kind: "executed", response: { status } });
      const again = await runIdempotently(db, { ...options, key: `k-${status}` }, answer(201));
      expect(again, `after ${status}`).toMatchObject({ kind: "executed", response: { status: 201 } });
    }
    await runIdempotently(db, { ...options, key: "k-422" }, answer(422));
    const replay = await runIdempotently(db, { ...options, key: "k-422" }, answer(201));
    expect(replay).toMatchObject({ kind: "replayed", response: { status: 422 } });
  });

  it("scopes keys per agency, and refuses malformed keys", async () => {
    const other = await setupMerchant(h, "other-shop");
    nock(ALMA_URL).get("/v1/me/fee-plans").query(true).times(2).reply(503, {});
    const headers = { "idempotency-key": "shared-key" };
    await h.api("POST", `${base}/checkouts`, { key, body: basket("IDEM-5"), headers });
    const theirs = await h.api("POST", `${other.base}/checkouts`, {
      key: other.key,
      body: basket("IDEM-6"),
      headers,
    });
    expect(theirs.body.type).toBe("/bridge/problems/alma-unavailable");
    const bad = await h.api("POST", `${base}/checkouts`, {
      key,
      body: basket("IDEM-7"),
      headers: { "idempotency-key": "é".repeat(3) },
    });
    expect(bad.body).toMatchObject({ status: 422, field: "Idempotency-Key" });
  });

  it("lets a retry run soon after the request holding the key went silent, not minutes later", async () => {
    const db = dbOf(h.storage);
    let clock = 1_800_000_000_000;
    const options = {
      scope: "crash",
      key: `k-${postgres}`,
      requestHash: "h",
      now: () => clock,
      waitMs: 0,
      sealer: h.storage,
    };
    const answer: StoredResponse = { status: 201, contentType: "application/json", body: { ok: true } };
    // The first request claims the key and hangs; its first renewal is a third of the lock away
    // in real time, so to the fake clock below it is a holder that died right after claiming.
    let finish = () => {};
    const silent = runIdempotently(
      db,
      options,
      () => new Promise((resolve) => (finish = () => resolve(answer))),
    );
    await vi.waitFor(async () =>
      expect(await db.query("SELECT 1 FROM bridge_idempotency WHERE scope = 'crash'")).toHaveLength(1),
    );
    let runs = 0;
    const retry = async (): Promise<StoredResponse> => {
      runs++;
      return answer;
    };
    clock += IDEMPOTENCY_LOCK_MS - 1;
    expect((await runIdempotently(db, options, retry)).kind).toBe("in_progress");
    clock += 2;
    expect((await runIdempotently(db, options, retry)).kind).toBe("executed");
    expect(IDEMPOTENCY_LOCK_MS).toBeLessThanOrEqual(60_000);
    expect(runs).toBe(1);
    finish();
    await silent;
  });

  it("never lets a request that lost its key to a retry store its answer or release the retry's claim", async () => {
    const db = dbOf(h.storage);
    let clock = 1_800_000_000_000;
    const base = { scope: "fence", requestHash: "h", now: () => clock, waitMs: 0, sealer: h.storage };
    const answer = (who: string, status = 201): StoredResponse => ({
      status,
      contentType: "application/json",
      body: { who },
    });
    for (const [key, staleStatus] of [
      [`done-${postgres}`, 201],
      [`release-${postgres}`, 503],
    ] as const) {
      const options = { ...base, key };
      // A holds the key, then stalls (its renewals are real-time ticks this fake clock outruns).
      let finishA = () => {};
      const a = runIdempotently(
        db,
        options,
        () => new Promise((resolve) => (finishA = () => resolve(answer("A", staleStatus)))),
      );
      await vi.waitFor(async () =>
        expect(await db.query("SELECT 1 FROM bridge_idempotency WHERE key = $1", [key])).toHaveLength(1),
      );
      clock += IDEMPOTENCY_LOCK_MS + 1;
      let finishB: (() => void) | undefined;
      const b = runIdempotently(
        db,
        options,
        () => new Promise((resolve) => (finishB = () => resolve(answer("B")))),
      );
      // B has taken the key over once it runs.
      await vi.waitFor(() => expect(finishB).toBeDefined());
      // A finishes while B, which took the key over, still runs: neither its answer nor its
      // release may touch B's claim.
      finishA();
      expect((await a).kind).toBe("executed");
      const during = await db.query("SELECT state FROM bridge_idempotency WHERE key = $1", [key]);
      expect(during).toEqual([{ state: "processing" }]);
      finishB?.();
      expect(await b).toMatchObject({ kind: "executed", response: { body: { who: "B" } } });
      const replay = await runIdempotently(db, options, async () => answer("C"));
      expect(replay).toMatchObject({ kind: "replayed", response: { body: { who: "B" } } });
    }
  });

  it("keeps the key of a request that runs longer than the lock: a duplicate waits and gets its answer", async () => {
    const db = dbOf(h.storage);
    // A short lock, so the slow request outlives it several times over; it stays held only if renewed.
    const options = {
      scope: "slow",
      key: `k-${postgres}`,
      requestHash: "h",
      now: Date.now,
      lockMs: 3000,
      sealer: h.storage,
    };
    let runs = 0;
    const execute = async (): Promise<StoredResponse> => {
      runs++;
      await sleep(6500);
      return { status: 201, contentType: "application/json", body: { run: runs } };
    };
    const first = runIdempotently(db, options, execute);
    await sleep(100);
    const duplicate = await runIdempotently(db, { ...options, waitMs: 12_000 }, execute);
    expect(duplicate.kind).toBe("replayed");
    expect((await first).kind).toBe("executed");
    expect(runs).toBe(1);
    // Its own timeout: the request runs 6.5 s on purpose, past Vitest's default of 5 s.
  }, 30_000);
});
