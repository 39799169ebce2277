import { describe, expect, it } from "vitest";
import { classifyStorageError, StorageUnavailableError } from "./storage-unavailable-error.ts";

describe("classifyStorageError", () => {
  it("marks lost or refused connections as unavailable, keeping the cause", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    const cut = new Error("Connection terminated unexpectedly");
    for (const error of [refused, shutdown, cut, new AggregateError([refused])]) {
      const classified = classifyStorageError(error);
      expect(classified).toBeInstanceOf(StorageUnavailableError);
      expect((classified as Error).cause).toBe(error);
    }
  });

  it("leaves SQL errors and bugs as they are", () => {
    const unique = Object.assign(new Error("duplicate key value"), { code: "23505" });
    const bug = new TypeError("x is undefined");
    expect(classifyStorageError(unique)).toBe(unique);
    expect(classifyStorageError(bug)).toBe(bug);
  });
});
