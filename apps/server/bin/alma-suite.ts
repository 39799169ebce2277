#!/usr/bin/env node
// Runs on the Node 24 that npm puts first on PATH (the `node` devDependency), which strips types.
import "../src/cli.ts";
