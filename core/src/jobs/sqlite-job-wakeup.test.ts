import { sqliteHarness } from "../storage/test-support/sqlite-harness.ts";
import { jobWakeupContract } from "./job-wakeup-contract.ts";

jobWakeupContract("sqlite", sqliteHarness);
