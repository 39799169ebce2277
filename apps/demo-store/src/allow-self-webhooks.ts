/** The platform the demo store sells through: the server serves the demo only where it has it. */
export const DEMO_STORE_PLATFORM = "bridge";

/**
 * The bridge's operator token the demo store creates its agency with: the bridge's own, else the
 * server's (which the bridge falls back to as well).
 */
export function demoOperatorToken(env: NodeJS.ProcessEnv, adminToken: string): string {
  return env.BRIDGE_OPERATOR_TOKEN?.trim() || adminToken;
}

/**
 * With the in-process sandbox (no Alma key: nothing real can be paid or leaked) the bridge may
 * deliver webhooks to this server itself at 127.0.0.1, where the demo store registers its endpoint
 * (`/demo/webhooks`). The server applies it to its environment when it runs the embedded default
 * (only it knows so), before the bridge reads its settings; every other private address stays refused, and with a real Alma key the
 * SSRF guard keeps exactly what BRIDGE_WEBHOOK_ALLOWED_HOSTS says.
 */
export function allowSelfWebhooks(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const listed = (env.BRIDGE_WEBHOOK_ALLOWED_HOSTS ?? "").split(",").map((host) => host.trim());
  if (listed.includes("127.0.0.1")) return env;
  return { ...env, BRIDGE_WEBHOOK_ALLOWED_HOSTS: [...listed.filter(Boolean), "127.0.0.1"].join(",") };
}
