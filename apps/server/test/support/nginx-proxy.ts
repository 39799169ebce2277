import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const NGINX = "/usr/sbin/nginx";

export interface NginxProxy {
  /** `https://localhost:<port>` */
  url: string;
  stop(): Promise<void>;
}

/** nginx cannot listen on port 0 and say which it got: take one the kernel just handed out. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(log, "utf8")}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(socket.end() && true));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`nginx did not listen on ${port}: ${readFileSync(log, "utf8")}`);
}

/**
 * Debian's nginx as a child process with its own prefix and configuration in a temporary folder:
 * a TLS server block that includes `include` (the repository's file) in front of `upstream`.
 * Files the included configuration names by relative path go in `confFiles`.
 */
export async function startNginx(input: {
  include: string;
  upstream: string;
  serverCert: { certFile: string; keyFile: string };
  confFiles: Record<string, string>;
  /** Directives added to the server block (e.g. `proxy_bind`). */
  serverDirectives?: string[];
}): Promise<NginxProxy> {
  const prefix = mkdtempSync(join(tmpdir(), "nginx-"));
  const conf = join(prefix, "conf");
  mkdirSync(conf);
  for (const [name, text] of Object.entries(input.confFiles)) writeFileSync(join(conf, name), text);
  const port = await freePort();
  const log = join(prefix, "error.log");
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `  ${kind}_temp_path ${join(prefix, kind)};`)
    .join("\n");
  writeFileSync(
    join(conf, "nginx.conf"),
    `daemon off;
master_process off;
pid ${join(prefix, "nginx.pid")};
error_log ${log} warn;
events { worker_connections 64; }
http {
  access_log off;
${temp}
  upstream alma_suite { server ${input.upstream}; }
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate ${input.serverCert.certFile};
    ssl_certificate_key ${input.serverCert.keyFile};
${(input.serverDirectives ?? []).map((d) => `    ${d};`).join("\n")}
    include ${input.include};
  }
}
`,
  );
  const child = spawn(NGINX, ["-p", prefix, "-c", join(conf, "nginx.conf"), "-e", log], { stdio: "ignore" });
  await waitForPort(port, child, log);
  return {
    url: `https://localhost:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
