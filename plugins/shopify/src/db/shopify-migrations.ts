import type { PluginMigration } from "@alma-suite/core/storage";

/**
 * The Shopify app's schema history, applied by core's runner after core's own steps. Never edit
 * an applied step: append a new version.
 */
export const shopifyMigrations: readonly PluginMigration[] = [
  {
    version: 1,
    name: "payment links of Shopify sessions keep the session's Alma mode",
    // Core's migration 7 gave every link that existed then its tenant's Alma mode. A Shopify link
    // knows better: the session's own test flag, kept in `custom.shopifySession`, is the mode the
    // payment was made in (a shop may have switched since). Links made after that migration carry
    // the flag's mode already, so running this on a database of any age changes only links older
    // than it. Only this plugin's tenants' links, which only this plugin writes `custom` for.
    statements: (dialect) => [
      dialect === "postgres"
        ? `UPDATE payment_links
           SET alma_mode = CASE WHEN (custom->'shopifySession'->>'test')::boolean THEN 'test' ELSE 'live' END
           WHERE jsonb_typeof(custom->'shopifySession'->'test') = 'boolean'
             AND tenant_id IN (SELECT id FROM tenants WHERE platform = 'shopify')`
        : `UPDATE payment_links
           SET alma_mode = CASE json_type(custom, '$.shopifySession.test') WHEN 'true' THEN 'test' ELSE 'live' END
           WHERE json_type(custom, '$.shopifySession.test') IN ('true', 'false')
             AND tenant_id IN (SELECT id FROM tenants WHERE platform = 'shopify')`,
    ],
  },
];
