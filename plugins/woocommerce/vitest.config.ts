import { defineConfig } from "vitest/config";

// The flow tests run a fake store, the Alma sandbox and a worker together; give them room on a busy CI.
// biome-ignore lint/style/noDefaultExport: Vitest reads its configuration from the default export.
export default defineConfig({ test: { testTimeout: 20_000, hookTimeout: 20_000 } });
