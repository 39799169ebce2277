import { defineConfig } from "vite";

// Relative asset URLs: the server serves the settings page under /shopify/settings/ (see
// plugins/shopify) and the merchant dashboard under /dashboard/. Two entries, one shared bundle
// of Polaris.
// biome-ignore lint/style/noDefaultExport: Vite reads its configuration from the default export.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        settings: new URL("./index.html", import.meta.url).pathname,
        dashboard: new URL("./dashboard.html", import.meta.url).pathname,
      },
      // React and Polaris in one chunk both pages share (and browsers cache across them).
      output: { manualChunks: (id) => (id.includes("/node_modules/") ? "vendor" : undefined) },
    },
  },
});
