import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
export const DEPLOY_DIR = join(REPO, "deploy");
const CLI = join(REPO, "apps/server/src/cli.ts");
const SANDBOX = join(REPO, "apps/alma-sandbox/src/main.ts");
export const NGINX = "/usr/sbin/nginx";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway certificate for 127.0.0.1 made with the openssl CLI, as an operator would. */
export function throwawayCertificate(dir: string): { cert: string; key: string; pem: string } {
  const cert = join(dir, "fullchain.pem");
  const key = join(dir, "privkey.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "pipe" },
  );
  return { cert, key, pem: readFileSync(cert, "utf8") };
}

/** A child process whose output is kept, for waiting on a line and for failure messages. */
export interface Running {
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then the exit code (null when killed by a signal). */
  stop(): Promise<number | null>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      return exited;
    },
  };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `alma-suite start` as systemd's ExecStart runs it, with the environment file's variables. */
export async function startInstance(env: NodeJS.ProcessEnv): Promise<Running> {
  const instance = run(process.execPath, [CLI, "start"], { ...process.env, ...env });
  await waitFor(
    `the instance on port ${env.PORT} to start`,
    () => {
      if (instance.child.exitCode !== null) throw new Error(`instance exited:\n${instance.output()}`);
      return instance.output().includes("alma-suite is running at");
    },
    60_000,
  );
  return instance;
}

/** `alma-suite <args>` once, its exit code and output. */
export function cli(args: string[], env: NodeJS.ProcessEnv): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: "pipe",
    });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

/** The standalone Alma sandbox every instance points at (ALMA_API_URL). */
export async function startSandbox(port: number, caFile: string): Promise<Running> {
  // It sends IPNs to the public https address: it trusts the throwaway certificate, as Alma trusts a real one.
  const sandbox = run(process.execPath, [SANDBOX], {
    ...process.env,
    PORT: String(port),
    NODE_EXTRA_CA_CERTS: caFile,
  });
  await waitFor("the sandbox to listen", async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/`)).status > 0;
    } catch {
      return false;
    }
  });
  return sandbox;
}

/**
 * Debian's nginx running deploy/nginx/alma-suite.conf, with only its ports, upstream addresses
 * and certificate paths substituted, inside the http block Debian's nginx.conf provides.
 */
export async function startNginx(options: {
  httpsPort: number;
  httpPort: number;
  instances: [number, number];
  cert: string;
  key: string;
}): Promise<{ nginx: Running; dir: string; check: string }> {
  const dir = mkdtempSync(join(tmpdir(), "alma-nginx-"));
  chmodSync(dir, 0o755);
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, sub));
  const site = readFileSync(join(DEPLOY_DIR, "nginx/alma-suite.conf"), "utf8")
    .replace("server 127.0.0.1:3001", `server 127.0.0.1:${options.instances[0]}`)
    .replace("server 127.0.0.1:3002", `server 127.0.0.1:${options.instances[1]}`)
    .replace("listen 443 ssl;", `listen 127.0.0.1:${options.httpsPort} ssl;`)
    .replace("listen 80;", `listen 127.0.0.1:${options.httpPort};`)
    .replace("/etc/alma-suite/tls/fullchain.pem", options.cert)
    .replace("/etc/alma-suite/tls/privkey.pem", options.key);
  writeFileSync(join(dir, "alma-suite.conf"), site);
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    join(dir, "nginx.conf"),
    `${asRoot ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/alma-suite.conf;
}
`,
  );
  const args = ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log")];
  const check = execFileSync(NGINX, [...args, "-t"], { encoding: "utf8", stdio: "pipe" }).toString();
  const nginx = run(NGINX, args, process.env);
  await waitFor("nginx to listen", async () => {
    if (nginx.child.exitCode !== null) throw new Error(`nginx exited: ${nginx.output()}`);
    try {
      await fetch(`http://127.0.0.1:${options.httpPort}/`, { redirect: "manual" });
      return true;
    } catch {
      return false;
    }
  });
  return { nginx, dir, check };
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An https client trusting `ca` (the throwaway certificate) or, without it, only the system's CAs. */
export function httpsClient(origin: string, ca?: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ...(ca ? { ca } : {}) });
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    new Promise<HttpsAnswer>((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${origin}${path}`,
        {
          method,
          agent,
          headers: { ...(text ? { "content-type": "application/json" } : {}), ...headers },
        },
        (res) => {
          let data = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            data += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
          res.on("error", reject);
        },
      );
      req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on("error", reject);
      req.end(text);
    });
  return { send, close: () => agent.destroy() };
}
