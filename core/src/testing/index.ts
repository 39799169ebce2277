export { InMemoryPlatform } from "./in-memory-platform.ts";
export { memoryStorage } from "./memory-storage.ts";
export { type ConformanceHarness, describePlatformConformance } from "./platform-conformance.ts";
