import { afterAll } from "vitest";
import { closeTestSites } from "./support/test-site.ts";

// Runs after each file's own afterAll: no site outlives its file, even after a failed setup.
afterAll(closeTestSites);
