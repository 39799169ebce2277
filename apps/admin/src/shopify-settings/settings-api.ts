import { pageSentence } from "../i18n/page-sentence.ts";
import type { AlmaMode, KeyInfo, PlanSetting, SettingsState } from "./settings-types.ts";

export type ApiAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; error: string; details?: { key: string; message: string }[] };

/** What the page needs from the server; a fake stands in for it in tests. */
export interface SettingsApi {
  state(): Promise<ApiAnswer<SettingsState>>;
  saveKey(mode: AlmaMode, key: string): Promise<ApiAnswer<KeyInfo>>;
  save(input: { almaMode: AlmaMode; plans: PlanSetting[] }): Promise<ApiAnswer<{ redirectUrl: string }>>;
}

/** The settings API under `base` (same origin), authenticated by the session cookie. */
export function httpSettingsApi(
  base = "./api",
  fetchImpl: typeof fetch = (i, init) => fetch(i, init),
): SettingsApi {
  async function call<T>(path: string, body?: unknown): Promise<ApiAnswer<T>> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/${path}`, {
        method: body === undefined ? "GET" : "POST",
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return {
        ok: false,
        status: 0,
        error: pageSentence("serverErrors.unreachable"),
      };
    }
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return { ok: true, value: data as T };
    return {
      ok: false,
      status: response.status,
      error: typeof data.error === "string" ? data.error : `Request failed (${response.status})`,
      ...(Array.isArray(data.details) ? { details: data.details as { key: string; message: string }[] } : {}),
    };
  }
  return {
    state: () => call("state"),
    saveKey: (mode, key) => call("alma-key", { mode, key }),
    save: (input) => call("save", input),
  };
}
