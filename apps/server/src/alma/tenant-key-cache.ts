import { verifyIpnSignature } from "@alma-suite/core";

interface Entry {
  key: string | undefined;
  expires: number;
}

/**
 * Checks an IPN signature against the tenant's Alma key, keeping keys in memory for a few
 * seconds so a burst of notifications does not read and decrypt the key for each one.
 * A signature that fails against a cached key is checked again against a fresh read, so a
 * key rotated moments ago is never the reason a genuine notification is refused.
 */
export class TenantKeyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #activeKeyFor: (tenantId: string) => Promise<string | undefined>;
  readonly #ttlMs: number;

  constructor(options: { activeKeyFor: (tenantId: string) => Promise<string | undefined>; ttlMs?: number }) {
    this.#activeKeyFor = options.activeKeyFor;
    this.#ttlMs = options.ttlMs ?? 10_000;
  }

  async verify(
    tenantId: string,
    pid: string,
    signature: string,
  ): Promise<"ok" | "bad_signature" | "unknown_tenant"> {
    const cached = this.#entries.get(tenantId);
    if (cached && cached.expires > Date.now()) {
      if (cached.key !== undefined && verifyIpnSignature(pid, signature, cached.key)) return "ok";
    }
    const key = await this.#load(tenantId);
    if (key === undefined) return "unknown_tenant";
    return verifyIpnSignature(pid, signature, key) ? "ok" : "bad_signature";
  }

  async #load(tenantId: string): Promise<string | undefined> {
    const key = await this.#activeKeyFor(tenantId);
    if (this.#entries.size > 10_000) this.#entries.clear();
    this.#entries.set(tenantId, { key, expires: Date.now() + this.#ttlMs });
    return key;
  }
}
