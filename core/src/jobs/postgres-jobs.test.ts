import { postgresHarness } from "../storage/test-support/postgres-harness.ts";
import { jobContract } from "./job-contract.ts";

jobContract("postgres", postgresHarness);
