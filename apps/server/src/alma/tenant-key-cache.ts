import type { KeyObject } from "node:crypto";
import { ipnKey, verifyIpnSignature } from "@alma-suite/core";
import { ALMA_MODES, type AlmaMode } from "@alma-suite/core/storage";

interface Entry {
  /** The key as a KeyObject, built once per read rather than by createHmac at every notification. */
  key: KeyObject | undefined;
  expires: number;
}

export type ActiveKeyFor = (tenantId: string, mode: AlmaMode) => Promise<string | undefined>;

export type KeyVerdict =
  /** The Alma modes whose key signed it (both when the two keys are the same). */
  { status: "ok"; modes: AlmaMode[] } | { status: "bad_signature" } | { status: "unknown_tenant" };

/**
 * Checks an IPN signature against the tenant's Alma keys (test and live are separate Alma
 * accounts, each signing with its own key) and says which signed it, so the payment's own mode can
 * be checked against it without reading the payment first. Keys stay in memory for a few seconds
 * per tenant and mode, so a burst of notifications does not read and decrypt them for each one. A
 * signature that fails against a cached key is checked again against a fresh read, so a key
 * rotated moments ago is never the reason a genuine notification is refused.
 */
export class TenantKeyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #activeKeyFor: ActiveKeyFor;
  readonly #ttlMs: number;

  constructor(options: { activeKeyFor: ActiveKeyFor; ttlMs?: number }) {
    this.#activeKeyFor = options.activeKeyFor;
    this.#ttlMs = options.ttlMs ?? 10_000;
  }

  async verify(tenantId: string, pid: string, signature: string): Promise<KeyVerdict> {
    // Keys as cached (read when missing or stale); then, only if none signed it, read afresh.
    for (const fresh of [false, true]) {
      const keys =
        (!fresh && this.#cached(tenantId)) ||
        (await Promise.all(ALMA_MODES.map((mode) => this.#key(tenantId, mode, fresh))));
      if (keys.every((key) => key === undefined)) return { status: "unknown_tenant" };
      const modes = ALMA_MODES.filter((_, i) => {
        const key = keys[i];
        return key !== undefined && verifyIpnSignature(pid, signature, key);
      });
      if (modes.length > 0) return { status: "ok", modes };
    }
    return { status: "bad_signature" };
  }

  /** Every mode's key when all are cached and fresh (the common case: no promise to wait for). */
  #cached(tenantId: string): (KeyObject | undefined)[] | undefined {
    const now = Date.now();
    const keys: (KeyObject | undefined)[] = [];
    for (const mode of ALMA_MODES) {
      const cached = this.#entries.get(`${mode}:${tenantId}`);
      if (!cached || cached.expires <= now) return undefined;
      keys.push(cached.key);
    }
    return keys;
  }

  async #key(tenantId: string, mode: AlmaMode, fresh: boolean): Promise<KeyObject | undefined> {
    const cached = this.#entries.get(`${mode}:${tenantId}`);
    if (!fresh && cached && cached.expires > Date.now()) return cached.key;
    return this.#load(tenantId, mode);
  }

  async #load(tenantId: string, mode: AlmaMode): Promise<KeyObject | undefined> {
    const key = ipnKey(await this.#activeKeyFor(tenantId, mode));
    if (this.#entries.size > 10_000) this.#entries.clear();
    this.#entries.set(`${mode}:${tenantId}`, { key, expires: Date.now() + this.#ttlMs });
    return key;
  }
}
