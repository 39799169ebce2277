import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnvFile } from "./load-env-file.ts";

const NAMES = ["ALMA_TEST_ENV_FILE_PORT", "ALMA_TEST_ENV_FILE_KEPT"];

describe("loadEnvFile", () => {
  afterEach(() => {
    for (const name of NAMES) delete process.env[name];
  });

  it("reads .env from the working folder, the environment winning over the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "env-file-"));
    writeFileSync(join(dir, ".env"), "ALMA_TEST_ENV_FILE_PORT=4123\nALMA_TEST_ENV_FILE_KEPT=from-file\n");
    process.env.ALMA_TEST_ENV_FILE_KEPT = "from-environment";
    expect(loadEnvFile(process.env, dir)).toBe(join(dir, ".env"));
    expect(process.env.ALMA_TEST_ENV_FILE_PORT).toBe("4123");
    expect(process.env.ALMA_TEST_ENV_FILE_KEPT).toBe("from-environment");
  });

  it("does without a file, but refuses an ENV_FILE that is not there", () => {
    const dir = mkdtempSync(join(tmpdir(), "env-file-"));
    expect(loadEnvFile({}, dir)).toBeUndefined();
    expect(() => loadEnvFile({ ENV_FILE: "prod.env" }, dir)).toThrow(/^ENV_FILE: no file at .*prod\.env$/);
  });
});
