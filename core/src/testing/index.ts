export { InMemoryPlatform } from "./in-memory-platform.ts";
export { type ConformanceHarness, describePlatformConformance } from "./platform-conformance.ts";
