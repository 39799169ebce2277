import { coreVersion } from "@alma-suite/core";
console.log("core", coreVersion, process.version);
