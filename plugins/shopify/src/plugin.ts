/** What the server registers (`"./plugin"` in package.json): the light description, nothing else. */
export { shopifyPlugin as plugin } from "./shopify-plugin.ts";
