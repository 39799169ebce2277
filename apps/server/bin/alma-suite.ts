#!/usr/bin/env -S node --max-semi-space-size=4
// Runs on the Node 24 that npm puts first on PATH (the `node` devDependency), which strips types.
// A 4 MB young generation (semi-space), as `npm start`, the systemd unit and the image run the
// server: left to itself V8 grows it to 32 MB per semi-space during start and under steady
// allocation and keeps it, so an idle server and a long reconciliation held memory they no longer
// used (bench/npm-start.ts, bench/woocommerce-reconcile.ts); the IPN benchmark's CPU per
// notification was no higher with it. Only a command-line flag sets it: V8 sizes the heap at start.
import "../src/cli.ts";
