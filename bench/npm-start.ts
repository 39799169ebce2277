// `npm start` as the README runs it, on the embedded default (SQLite, the built-in sandbox): the
// time from typing the command to the first 200 on /healthz (npm's own start and the `prestart`
// build checks included), warm (dashboard and widget built, Node's compile cache filled, the data
// folder from an earlier start), and the server process's resident memory once idle. Beside it,
// the same server started without npm, and the prestart hook alone, to show where the time goes.
// Run: `npm run bench` or `npx node bench/npm-start.ts` (BENCH_SHORT=1: one run each, 2 s idle).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reportTarget, SHORT } from "./lib/report.ts";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? (SHORT ? 1 : 5));
const idleS = Number(process.env.BENCH_IDLE_S ?? (SHORT ? 2 : 10));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const healthz = (port: number) =>
  new Promise<number>((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
  });

/** The process and its descendants (from /proc), to find the server under npm and sh. */
function tree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]!) ?? []));
  return out;
}

/** The server's own process, however it is entered (cli-entry.mjs, or cli.ts directly). */
const SERVER_COMMAND = /apps\/server\/src\/cli(?:-entry\.mjs|\.ts)\b.*\bstart\b/;

const rssMiB = (pid: number) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return Number(match?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
};

interface Start {
  ms: number;
  serverRssMiB: number;
  treeRssMiB: number;
}

async function start(command: string, args: string[], dataDir: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    while ((await healthz(port)) !== 200) {
      if (child.exitCode !== null)
        throw new Error(`${command} ${args.join(" ")} exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000)
        throw new Error(`${command} ${args.join(" ")}: no 200 in 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, idleS * 1000));
    const pids = tree(child.pid!);
    // The node process running the server (not npm, nor the `sh -c` npm runs it through). Finding
    // none is an error: measuring npm instead would report a memory the server does not have.
    const server = pids
      .filter((pid) => SERVER_COMMAND.test(cmdline(pid)))
      .sort((a, b) => rssMiB(b) - rssMiB(a))[0];
    if (server === undefined) throw new Error(`no server process under ${command} ${args.join(" ")}`);
    return {
      ms,
      serverRssMiB: rssMiB(server),
      treeRssMiB: pids.reduce((sum, pid) => sum + rssMiB(pid), 0),
    };
  } finally {
    await stopTree(child.pid!);
  }
}

/**
 * Stops npm, its shell and the server: npm does not always pass SIGTERM on (and the server may run
 * in a process group of its own), so every process of the tree is signalled, then killed if it lingers.
 */
async function stopTree(root: number): Promise<void> {
  const pids = tree(root);
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {}
  };
  for (const pid of pids.reverse()) signal(pid, "SIGTERM");
  const alive = () => pids.filter((pid) => existsSync(`/proc/${pid}`) && !/\) Z /.test(statOf(pid)));
  for (let i = 0; i < 100 && alive().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  for (const pid of alive()) signal(pid, "SIGKILL");
}

const statOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return ") Z ";
  }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function series(name: string, once: () => Promise<Start>) {
  const all: Start[] = [];
  for (let i = 0; i < runs; i++) all.push(await once());
  return {
    name,
    ms: median(all.map((s) => s.ms)),
    serverRssMiB: median(all.map((s) => s.serverRssMiB)),
    treeRssMiB: median(all.map((s) => s.treeRssMiB)),
  };
}

const data = mkdtempSync(join(tmpdir(), "alma-bench-npm-start-"));
// Unmeasured: the first start creates the data folder (migrations, sandbox merchant) and fills the
// compile cache; the README's user has started once before the warm starts this measures.
await start("npm", ["start", "--silent"], data);

const prestart = () => {
  const started = performance.now();
  const run = spawnSync("npm", ["run", "prestart", "--silent"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (run.status !== 0) throw new Error(`npm run prestart exited with ${run.status}`);
  return performance.now() - started;
};
const prestartMs = median(Array.from({ length: runs }, prestart));
const rows = [
  await series("npm start, warm", () => start("npm", ["start", "--silent"], data)),
  await series("node apps/server/src/cli.ts start", () =>
    start(
      join(ROOT, "node_modules/.bin/node"),
      [...SERVER_NODE_ARGS, "apps/server/src/cli.ts", "start"],
      data,
    ),
  ),
];

console.log(`\nnpm start to a 200 on /healthz, and idle memory after ${idleS} s — median of ${runs} runs`);
console.log("how                                   to 200   server RSS   all processes");
for (const row of rows)
  console.log(
    [
      row.name.padEnd(36),
      `${row.ms.toFixed(0)} ms`.padStart(8),
      `${row.serverRssMiB.toFixed(0)} MiB`.padStart(12),
      `${row.treeRssMiB.toFixed(0)} MiB`.padStart(15),
    ].join(" "),
  );
console.log(`npm run prestart alone (the build checks):  ${prestartMs.toFixed(0)} ms`);

const [npmStart, direct] = rows as [(typeof rows)[0], (typeof rows)[0]];
reportTarget({
  benchmark: "npm start → 200 on /healthz (warm)",
  measured: `${npmStart.ms.toFixed(0)} ms`,
  baseline: `without npm ${direct.ms.toFixed(0)} ms; prestart alone ${prestartMs.toFixed(0)} ms`,
  target: "< 1.5 s",
  met: npmStart.ms < 1500,
});
reportTarget({
  benchmark: "Idle RSS of npm start (embedded default)",
  measured: `${npmStart.serverRssMiB.toFixed(0)} MiB (server process; npm and sh beside it: ${(npmStart.treeRssMiB - npmStart.serverRssMiB).toFixed(0)} MiB)`,
  target: "< 100 MB",
  met: npmStart.serverRssMiB * 1.048576 < 100,
});
