import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MariadbServer, sql } from "./mariadb.ts";

const SITE_PHP = fileURLToPath(new URL("./site-php/", import.meta.url));

export interface RealStoreOptions {
  /** The unpacked `wordpress/` folder (WordPress with WooCommerce in wp-content/plugins). */
  tree: string;
  /** Our gateway's installable zip (`npm run build -w @alma-suite/woocommerce`). */
  gatewayZip: string;
  mariadb: MariadbServer;
  /** WooCommerce's custom order tables (HPOS), the default of new shops; false = orders as posts. */
  hpos?: boolean;
}

/** A product of the test shop, with its stock managed. */
export interface ShopProduct {
  id: number;
  price: string;
}

/** A fresh WordPress + WooCommerce site served by `php -S`, in its own MariaDB database. */
export interface RealStore {
  url: string;
  dir: string;
  database: string;
  hpos: boolean;
  /** A Read/Write REST API key of the administrator, as created in WooCommerce › Settings › Advanced. */
  keys: { consumerKey: string; consumerSecret: string };
  admin: { user: string; password: string };
  /** A product at 450.00 € (20 in stock) and one at 2.00 € (below Alma's minimum). */
  products: { chair: ShopProduct; pin: ShopProduct };
  /** Makes the shop's checkout page WooCommerce's block checkout or the shortcode one; answers its URL. */
  useCheckout(kind: "block" | "classic"): Promise<string>;
  /** Runs PHP inside the site (WordPress loaded); the code ends with `return <json-able value>;`. */
  php<T>(code: string): Promise<T>;
  sql(query: string): Promise<(string | null)[][]>;
  /** A table name with the site's prefix. */
  table(name: string): string;
  /** Runs the due Action Scheduler actions now (what WP-Cron would do a minute later). */
  runQueue(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Installs a new shop, as a merchant would on a new host: a copy of the tree (hard links, so it
 * costs nothing), wp-config.php, WordPress installed, WooCommerce activated and set up as its
 * first admin visit does (custom order tables, pages, default settings), shop in France in euros,
 * our gateway unpacked from its zip and activated, a REST key. Stopped and removed by `close`.
 */
export async function startRealStore(options: RealStoreOptions): Promise<RealStore> {
  const hpos = options.hpos ?? true;
  const work = mkdtempSync(join(tmpdir(), "alma-suite-wp-"));
  const dir = join(work, "wordpress");
  const database = `alma_suite_wp_${randomBytes(6).toString("hex")}`;
  const prefix = "wp_";
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let closed = false;
  const cleanup = async () => {
    if (closed) return;
    closed = true;
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      // The PHP server forks its workers in its own process group: stop the group.
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {}
    }
    await sql(options.mariadb, `DROP DATABASE IF EXISTS \`${database}\``).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  };

  try {
    await run("cp", ["-al", options.tree, dir]);
    await sql(
      options.mariadb,
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    writeFileSync(join(dir, "wp-config.php"), wpConfig(options.mariadb, database, prefix));
    mkdirSync(join(dir, "wp-content", "mu-plugins"), { recursive: true });
    await run("cp", [
      join(SITE_PHP, "mu-plugin.php"),
      join(dir, "wp-content", "mu-plugins", "alma-suite-test-site.php"),
    ]);
    await run("unzip", ["-q", options.gatewayZip, "-d", join(dir, "wp-content", "plugins")]);

    const php = async <T>(code: string, installing = false): Promise<T> => {
      const { stdout } = await run(
        "php",
        [join(SITE_PHP, "wp-run.php"), dir, ...(installing ? ["installing"] : [])],
        {
          input: code,
          env: { ALMA_SUITE_SITE_URL: url },
        },
      );
      const last = stdout.trimEnd().split("\n").pop() ?? "";
      try {
        return JSON.parse(last) as T;
      } catch {
        throw new Error(`PHP in the test site printed no result:\n${stdout.slice(-4000)}`);
      }
    };
    const admin = { user: "admin", password: randomBytes(12).toString("hex") };
    // 1. WordPress itself.
    await php(
      `wp_install('Alma suite test shop', '${admin.user}', 'admin@example.com', true, '', '${admin.password}');
       update_option('siteurl', '${url}'); update_option('home', '${url}');
       update_option('permalink_structure', '/%postname%/');
       return true;`,
      true,
    );
    // 2. WooCommerce activated (its own process: activation loads the plugin).
    await php(
      `$r = activate_plugin('woocommerce/woocommerce.php'); return is_wp_error($r) ? $r->get_error_message() : true;`,
    ).then(expectTrue("activating WooCommerce"));
    // 3. What WooCommerce's first admin visit does, then the shop's settings.
    const setup = await php<{ chair: number; pin: number; classic: number; block: number; user: number }>(
      `WC_Install::install(); WC_Install::newly_installed();
       update_option('woocommerce_currency', 'EUR');
       update_option('woocommerce_default_country', 'FR');
       update_option('woocommerce_store_address', '1 rue de la Paix');
       update_option('woocommerce_store_city', 'Paris');
       update_option('woocommerce_store_postcode', '75002');
       update_option('woocommerce_allowed_countries', 'specific');
       update_option('woocommerce_specific_allowed_countries', array('FR'));
       update_option('woocommerce_calc_taxes', 'no');
       update_option('woocommerce_manage_stock', 'yes');
       update_option('woocommerce_enable_guest_checkout', 'yes');
       update_option('woocommerce_enable_checkout_login_reminder', 'no');
       update_option('woocommerce_coming_soon', 'no');
       update_option('woocommerce_custom_orders_table_enabled', '${hpos ? "yes" : "no"}');
       update_option('woocommerce_custom_orders_table_data_sync_enabled', 'no');
       update_option('woocommerce_cheque_settings', array('enabled' => 'yes', 'title' => 'Check payments'));
       $zone = new WC_Shipping_Zone(0);
       $zone->add_shipping_method('free_shipping');
       $product = function ($name, $price, $stock) {
         $p = new WC_Product_Simple();
         $p->set_name($name); $p->set_regular_price($price); $p->set_status('publish');
         $p->set_manage_stock(true); $p->set_stock_quantity($stock);
         return $p->save();
       };
       $classic = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish',
         'post_title' => 'Classic checkout', 'post_name' => 'classic-checkout',
         'post_content' => '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->'));
       $r = activate_plugin('alma-suite-woocommerce/alma-suite-woocommerce.php');
       if (is_wp_error($r)) return $r->get_error_message();
       flush_rewrite_rules();
       return array('chair' => $product('Chaise en chêne', '450.00', 20), 'pin' => $product('Épingle', '2.00', 100),
         'classic' => $classic, 'block' => (int) get_option('woocommerce_checkout_page_id'),
         'user' => (int) get_user_by('login', '${admin.user}')->ID);`,
    );
    if (typeof setup !== "object" || !setup || !("chair" in setup)) {
      throw new Error(`setting up WooCommerce failed: ${JSON.stringify(setup)}`);
    }
    const consumerKey = `ck_${randomBytes(20).toString("hex")}`;
    const consumerSecret = `cs_${randomBytes(20).toString("hex")}`;
    await sql(
      options.mariadb,
      `INSERT INTO ${prefix}woocommerce_api_keys (user_id, description, permissions, consumer_key, consumer_secret, truncated_key)
       VALUES (${setup.user}, 'alma-suite', 'read_write', '${createHmac("sha256", "wc-api").update(consumerKey).digest("hex")}',
       '${consumerSecret}', '${consumerKey.slice(-7)}')`,
      database,
    );

    const log = openSync(join(work, "php-server.log"), "a");
    server = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", dir, join(SITE_PHP, "router.php")], {
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4" },
      stdio: ["ignore", log, log],
      detached: true,
    });
    await waitUntilServing(`${url}/wp-json/`, server);

    const store: RealStore = {
      url,
      dir,
      database,
      hpos,
      keys: { consumerKey, consumerSecret },
      admin,
      products: { chair: { id: setup.chair, price: "450.00" }, pin: { id: setup.pin, price: "2.00" } },
      async useCheckout(kind) {
        const page = kind === "block" ? setup.block : setup.classic;
        return php<string>(
          `update_option('woocommerce_checkout_page_id', ${page}); return get_permalink(${page});`,
        );
      },
      php: (code) => php(code),
      sql: (query) => sql(options.mariadb, query, database),
      table: (name) => `${prefix}${name}`,
      async runQueue() {
        const answer = await fetch(`${url}/?alma_suite_test_run_queue=1`);
        if (!answer.ok) throw new Error(`running the Action Scheduler queue: HTTP ${answer.status}`);
      },
      close: cleanup,
    };
    return store;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function wpConfig(db: MariadbServer, database: string, prefix: string): string {
  const salt = () => randomBytes(32).toString("hex");
  const keys = [
    "AUTH_KEY",
    "SECURE_AUTH_KEY",
    "LOGGED_IN_KEY",
    "NONCE_KEY",
    "AUTH_SALT",
    "SECURE_AUTH_SALT",
    "LOGGED_IN_SALT",
    "NONCE_SALT",
  ];
  return `<?php
define('DB_NAME', '${database}');
define('DB_USER', ${JSON.stringify(db.user)});
define('DB_PASSWORD', ${JSON.stringify(db.password)});
define('DB_HOST', '${db.host}:${db.port}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${keys.map((k) => `define('${k}', '${salt()}');`).join("\n")}
$table_prefix = '${prefix}';
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', __DIR__ . '/debug.log');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISALLOW_FILE_MODS', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_ENVIRONMENT_TYPE', 'local');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

function expectTrue(what: string) {
  return (value: unknown) => {
    if (value !== true) throw new Error(`${what} failed: ${JSON.stringify(value)}`);
  };
}

function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ stdout: string }>((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: { ...process.env, ...options.env }, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${command} ${args[0] ?? ""} failed: ${error.message}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
            ),
          );
        else resolve({ stdout });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`php -S exited with code ${server.exitCode}`);
    try {
      const answer = await fetch(url);
      await answer.arrayBuffer();
      if (answer.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the test site did not answer at ${url}`);
}
