import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureBuilt } from "./ensure-built.ts";

/** An admin folder with its inputs dated `inputsAt` and, if `builtAt`, its pages built then. */
function adminFolder(inputsAt: number, builtAt?: number) {
  const dir = join(mkdtempSync(join(tmpdir(), "admin-build-")), "apps", "admin");
  mkdirSync(join(dir, "src", "dashboard"), { recursive: true });
  const inputs = ["src/dashboard/page.tsx", "index.html", "dashboard.html", "vite.config.ts", "package.json"];
  for (const file of inputs) writeFileSync(join(dir, file), "x");
  for (const file of [...inputs, "src/dashboard", "src"]) utimesSync(join(dir, file), inputsAt, inputsAt);
  const build = () => {
    mkdirSync(join(dir, "dist"), { recursive: true });
    for (const page of ["index.html", "dashboard.html"]) writeFileSync(join(dir, "dist", page), "<html>");
    builds++;
  };
  let builds = 0;
  if (builtAt !== undefined) {
    build();
    builds = 0;
    for (const page of ["index.html", "dashboard.html"])
      utimesSync(join(dir, "dist", page), builtAt, builtAt);
  }
  return { dir, build, builds: () => builds };
}

describe("the dashboard build check before start", () => {
  it("builds when nothing is built yet", () => {
    const admin = adminFolder(1_000);
    expect(ensureBuilt(admin.dir, admin.build)).toBe("built");
    expect(admin.builds()).toBe(1);
  });

  it("does nothing when the build is newer than every source", () => {
    const admin = adminFolder(1_000, 2_000);
    expect(ensureBuilt(admin.dir, admin.build)).toBe("current");
    expect(admin.builds()).toBe(0);
  });

  it("builds again when a source deep in src changed after the build", () => {
    const admin = adminFolder(1_000, 2_000);
    utimesSync(join(admin.dir, "src/dashboard/page.tsx"), 3_000, 3_000);
    expect(ensureBuilt(admin.dir, admin.build)).toBe("built");
    expect(ensureBuilt(admin.dir, admin.build)).toBe("current");
    expect(admin.builds()).toBe(1);
  });
});
