import { sqliteHarness } from "../storage/test-support/sqlite-harness.ts";
import { jobContract } from "./job-contract.ts";

jobContract("sqlite", sqliteHarness);
