// The command's entry in plain JavaScript, so that the compile cache is on before the first
// TypeScript file loads: Node then reuses the type-stripped code it kept, and does not load its
// TypeScript stripper at all, which a server holds in memory for as long as it runs. Started by
// `npm start` and `npx alma-suite`; see cli.ts for the cache itself.
import { enableCompileCache } from "node:module";

enableCompileCache();
await import("./cli.ts");
