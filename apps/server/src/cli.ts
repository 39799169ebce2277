import { enableCompileCache } from "node:module";

// Before anything else is loaded: Node keeps the compiled code of every module it loads (our
// TypeScript once its types are stripped, and the dependencies) in a cache on disk, and later
// starts reuse it, which makes them faster and lowers idle memory (bench/server-start.ts shows
// both). The cache lives in NODE_COMPILE_CACHE, else in the system's temporary folder;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache that cannot be written is simply not used.
enableCompileCache();
const { loadEnvFile } = await import("./config/load-env-file.ts");
try {
  loadEnvFile();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const { runCli } = await import("./cli/run-cli.ts");

process.exitCode = await runCli(process.argv.slice(2));
