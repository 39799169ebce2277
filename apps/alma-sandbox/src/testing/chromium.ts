import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium without its sandbox (tests run as root in containers) and without the
 * background traffic it starts on its own: the tests have no network but the local servers.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser whose contexts start with empty cookie jars: one customer per context. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: [...CHROMIUM_ARGS] });
}
