/**
 * With the in-process sandbox (no Alma key: nothing real can be paid or leaked) the bridge may
 * deliver webhooks to this server itself at 127.0.0.1, where the demo store registers its endpoint
 * (`/demo/webhooks`). Done here rather than in the bridge because only the server knows it runs
 * the embedded default; every other private address stays refused, and with a real Alma key the
 * SSRF guard keeps exactly what BRIDGE_WEBHOOK_ALLOWED_HOSTS says.
 */
export function allowSelfWebhooks(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const listed = (env.BRIDGE_WEBHOOK_ALLOWED_HOSTS ?? "").split(",").map((host) => host.trim());
  if (listed.includes("127.0.0.1")) return env;
  return { ...env, BRIDGE_WEBHOOK_ALLOWED_HOSTS: [...listed.filter(Boolean), "127.0.0.1"].join(",") };
}
