import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findAdminDist, workspaceAdminDist } from "./admin-dist.ts";

describe("the settings page build", () => {
  it("uses a configured build only when it holds the page", () => {
    const dir = mkdtempSync(join(tmpdir(), "admin-dist-"));
    expect(findAdminDist(dir)).toBeUndefined();
    writeFileSync(join(dir, "index.html"), "<!doctype html>");
    expect(findAdminDist(dir)).toBe(dir);
  });

  it("defaults to the admin package's dist folder in the workspace", () => {
    expect(workspaceAdminDist()).toMatch(/apps\/admin\/dist$/);
  });
});
