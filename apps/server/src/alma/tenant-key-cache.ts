import { verifyIpnSignature } from "@alma-suite/core";
import { ALMA_MODES, type AlmaMode } from "@alma-suite/core/storage";

interface Entry {
  key: string | undefined;
  expires: number;
}

export type ActiveKeyFor = (tenantId: string, mode: AlmaMode) => Promise<string | undefined>;

/**
 * Checks an IPN signature against the tenant's Alma key of the payment's own mode (test and live
 * are separate Alma accounts, each signing with its own key), keeping keys in memory for a few
 * seconds per tenant and mode so a burst of notifications does not read and decrypt the key for
 * each one. A signature that fails against a cached key is checked again against a fresh read, so
 * a key rotated moments ago is never the reason a genuine notification is refused.
 */
export class TenantKeyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #activeKeyFor: ActiveKeyFor;
  readonly #ttlMs: number;

  constructor(options: { activeKeyFor: ActiveKeyFor; ttlMs?: number }) {
    this.#activeKeyFor = options.activeKeyFor;
    this.#ttlMs = options.ttlMs ?? 10_000;
  }

  /**
   * `mode` is the payment's; null for a payment this tenant does not know (yet), which is checked
   * against each of its keys.
   */
  async verify(
    tenantId: string,
    mode: AlmaMode | null,
    pid: string,
    signature: string,
  ): Promise<"ok" | "bad_signature" | "unknown_tenant"> {
    let anyKey = false;
    for (const candidate of mode ? [mode] : ALMA_MODES) {
      const verdict = await this.#verifyWith(tenantId, candidate, pid, signature);
      if (verdict === "ok") return "ok";
      if (verdict === "bad_signature") anyKey = true;
    }
    return anyKey ? "bad_signature" : "unknown_tenant";
  }

  async #verifyWith(tenantId: string, mode: AlmaMode, pid: string, signature: string) {
    const cached = this.#entries.get(`${mode}:${tenantId}`);
    if (cached && cached.expires > Date.now()) {
      if (cached.key !== undefined && verifyIpnSignature(pid, signature, cached.key)) return "ok";
    }
    const key = await this.#load(tenantId, mode);
    if (key === undefined) return "no_key";
    return verifyIpnSignature(pid, signature, key) ? "ok" : "bad_signature";
  }

  async #load(tenantId: string, mode: AlmaMode): Promise<string | undefined> {
    const key = await this.#activeKeyFor(tenantId, mode);
    if (this.#entries.size > 10_000) this.#entries.clear();
    this.#entries.set(`${mode}:${tenantId}`, { key, expires: Date.now() + this.#ttlMs });
    return key;
  }
}
