import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, launchChromium } from "@alma-suite/alma-sandbox/testing/browser";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Chromium for the tests: the one launcher, shared with the sandbox's own page tests. */
export { launchChromium };

export interface ChromiumProfile {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * One browser profile on disk, as a person's browser keeps it (cookies survive page loads and
 * new tabs); `extraArgs` adds flags such as host mappings. `close` removes the profile.
 */
export async function launchChromiumProfile(
  options: { viewport?: { width: number; height: number }; userAgent?: string; extraArgs?: string[] } = {},
): Promise<ChromiumProfile> {
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: options.viewport,
    userAgent: options.userAgent,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/** Numbered full-page screenshots in `apps/server/test-artifacts/<test>/<nn-step>.png`. */
export function screenshots(testName: string): (page: Page, step: string) => Promise<void> {
  const dir = join(ARTIFACTS, testName);
  rmSync(dir, { recursive: true, force: true }); // only this run's steps
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n += 1;
    await page.screenshot({ path: join(dir, `${String(n).padStart(2, "0")}-${step}.png`), fullPage: true });
  };
}

/**
 * The admin app's Vite build (settings page and dashboard), which the server serves from
 * apps/admin/dist; CI builds it first (turbo.json). A bare run builds it elsewhere and copies it
 * in: files are only added, so a test reading the folder at the same time never sees it
 * half-emptied. Returns the folder.
 */
export function ensureAdminBuild(): string {
  const adminDir = join(dirname(createRequire(import.meta.url).resolve("@alma-suite/admin")), "..");
  const dist = join(adminDir, "dist");
  if (existsSync(join(dist, "index.html")) && existsSync(join(dist, "dashboard.html"))) return dist;
  const out = mkdtempSync(join(tmpdir(), "admin-dist-"));
  const vite = join(adminDir, "node_modules", "vite", "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--outDir", out, "--emptyOutDir"], {
    cwd: adminDir,
    stdio: "ignore",
  });
  cpSync(out, dist, { recursive: true });
  rmSync(out, { recursive: true, force: true });
  return dist;
}
