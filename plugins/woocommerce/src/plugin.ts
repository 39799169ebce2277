/** What the server registers (`"./plugin"` in package.json): the light description, nothing else. */
export { woocommercePlugin as plugin } from "./woocommerce-plugin.ts";
