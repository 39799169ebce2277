import { sqliteHarness } from "../storage/test-support/sqlite-harness.ts";
import { periodicTaskContract } from "./periodic-task-contract.ts";

periodicTaskContract("sqlite", sqliteHarness, { concurrentInstances: false });
