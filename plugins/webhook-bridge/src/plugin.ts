/** What the server registers (`"./plugin"` in package.json): the light description, nothing else. */
export { webhookBridgePlugin as plugin } from "./webhook-bridge-plugin.ts";
