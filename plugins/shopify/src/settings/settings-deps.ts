import type { AlmaClient, PluginLogger } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import type { MutationDeps } from "../session-mutations/run-mutation.ts";

export interface SettingsDeps extends MutationDeps {
  storage: Storage;
  almaWithKey: (apiKey: string) => AlmaClient;
  apiKey: string;
  now: () => number;
  logger: PluginLogger;
}

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409 | 422 | 502; error: string; details?: unknown };

export const KEY_SECRET = { test: "alma_test_key", live: "alma_live_key" } as const;
