import { postgresHarness } from "../storage/test-support/postgres-harness.ts";
import { periodicTaskContract } from "./periodic-task-contract.ts";

periodicTaskContract("postgres", postgresHarness, { concurrentInstances: true });
