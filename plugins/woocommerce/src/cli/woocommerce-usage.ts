/** `alma-suite woocommerce …`: apart from the command so that `alma-suite help` loads no connector code. */
export const WOOCOMMERCE_USAGE = `usage: alma-suite woocommerce <command>
  connect <store url> [--name N] [--alma-mode test|live] [--plan general_3_0_0] [--pay-by-link cheque,bacs]
        reads {"consumer_key","consumer_secret","alma_test_key","alma_live_key"} as JSON on stdin
  reconcile <store id or url> [--per-page N]
  stores                        list connected WooCommerce stores`;
