import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import { sqliteTestStorage, type TestStorage } from "../testing/test-storage.ts";
import { authenticateAgency } from "./authenticate-agency.ts";
import { createAgency } from "./issue-api-key.ts";

/** The secret part of `abk_<id>_<secret>` with one character changed at `at` (first or last). */
const flipSecret = (token: string, at: "first" | "last") => {
  const start = token.lastIndexOf("_") + 1;
  const i = at === "first" ? start : token.length - 1;
  return token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
};

describe("agency API key near misses", () => {
  let t: TestStorage;
  let token: string;
  beforeAll(async () => {
    t = await sqliteTestStorage();
    ({ token } = await t.storage.transaction((tx) =>
      createAgency(tx, { name: "Agence", keyLabel: "default", now: 1_000 }),
    ));
  });
  afterAll(() => t.cleanup());

  it("refuses a key whose secret is one character off at its start and at its end", async () => {
    const db = dbOf(t.storage);
    expect(await authenticateAgency(db, `Bearer ${token}`, 2_000)).toMatchObject({ ok: true });
    for (const at of ["first", "last"] as const) {
      expect(await authenticateAgency(db, `Bearer ${flipSecret(token, at)}`, 2_000)).toEqual({
        ok: false,
        reason: "unknown_key",
      });
    }
  });
});
