import { parseArgs } from "node:util";
import type { ServerConfig } from "../config/load-config.ts";
import type { CliIo } from "./cli-io.ts";

export const SANDBOX_USAGE = `  sandbox merchants create [--name N] [--plans general_3_0_0,general_4_0_0] [--min CENTS --max CENTS] [--not-activated]
  sandbox merchants list        (both talk to the running sandbox; --sandbox-url URL to choose it)`;

interface AccountView {
  name: string;
  activated: boolean;
  plans: string[] | null;
  limits: { min: number; max: number } | null;
  test: { merchant_id: string; api_key: string };
  live: { merchant_id: string; api_key: string };
}

/**
 * `alma-suite sandbox merchants …`: opens merchant accounts on the running Alma sandbox (the
 * embedded one of `npm start` by default) through its `/_admin/merchants` route, and lists them.
 * Keys printed here are sandbox keys: they open nothing at Alma.
 */
export async function sandboxCommand(
  argv: string[],
  config: ServerConfig,
  io: CliIo,
  fetchImpl: typeof fetch = fetch,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return io.fail(`${error instanceof Error ? error.message : String(error)}\n${SANDBOX_USAGE}`);
  }
  const [group, action] = parsed.positionals;
  const flags = parsed.values;
  if (flags.help || group !== "merchants" || (action !== "create" && action !== "list")) {
    io.out(SANDBOX_USAGE);
    return flags.help ? 0 : 1;
  }
  if (config.alma.mode !== "sandbox" && !flags["sandbox-url"])
    return io.fail(
      "this server uses Alma itself (ALMA_API_KEY is set): give --sandbox-url to reach a sandbox",
    );
  const base = (
    flags["sandbox-url"] ??
    (config.alma.mode === "sandbox" ? config.alma.baseUrl : undefined) ??
    `http://127.0.0.1:${config.port}/alma-sandbox`
  ).replace(/\/+$/, "");

  const body: Record<string, unknown> = {};
  if (action === "create") {
    if (flags.name) body.name = flags.name;
    if (flags.plans)
      body.plans = flags.plans
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
    if (flags.min !== undefined || flags.max !== undefined) {
      const min = Number(flags.min);
      const max = Number(flags.max);
      if (!Number.isInteger(min) || !Number.isInteger(max))
        return io.fail(
          "--min and --max go together, as whole numbers of cents (e.g. --min 5000 --max 200000)",
        );
      body.limits = { min, max };
    }
    if (flags["not-activated"]) body.activated = false;
  }
  let response: Response;
  try {
    response = await fetchImpl(`${base}/_admin/merchants`, {
      method: action === "create" ? "POST" : "GET",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: action === "create" ? JSON.stringify(body) : undefined,
    });
  } catch {
    return io.fail(`cannot reach the Alma sandbox at ${base}: is the server running (npm start)?`);
  }
  const answer = (await response.json().catch(() => undefined)) as
    | { data?: AccountView[]; errors?: { message: string }[] }
    | AccountView
    | undefined;
  if (!response.ok) {
    const errors = (answer as { errors?: { message: string }[] } | undefined)?.errors;
    return io.fail(
      `the sandbox refused (${response.status}): ${errors?.map((e) => e.message).join("; ") ?? "no details"}`,
    );
  }
  const accounts =
    action === "create" ? [answer as AccountView] : ((answer as { data: AccountView[] }).data ?? []);
  if (accounts.length === 0) io.out("no sandbox merchants yet");
  for (const account of accounts) {
    io.out(
      `${account.name}${account.activated ? "" : " (not yet activated)"} · plans ${account.plans?.join(",") ?? "all"}${account.limits ? ` · ${account.limits.min}–${account.limits.max} cents` : ""}`,
    );
    io.out(`  test ${account.test.merchant_id} ${account.test.api_key}`);
    io.out(`  live ${account.live.merchant_id} ${account.live.api_key}`);
  }
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      name: { type: "string" },
      plans: { type: "string" },
      min: { type: "string" },
      max: { type: "string" },
      "not-activated": { type: "boolean" },
      "sandbox-url": { type: "string" },
    },
  });
}
