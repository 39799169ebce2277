export { type DemoStoreOptions, demoStore } from "./demo-store.ts";
