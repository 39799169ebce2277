import { verifyIpnSignature } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";

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
  readonly #storage: Storage;
  readonly #keyFor: (tenantId: string) => Promise<string>;
  readonly #ttlMs: number;

  constructor(options: { storage: Storage; keyFor: (tenantId: string) => Promise<string>; ttlMs?: number }) {
    this.#storage = options.storage;
    this.#keyFor = options.keyFor;
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
    const tenant = await this.#storage.getTenant(tenantId);
    const key = tenant?.status === "active" ? await this.#keyFor(tenantId).catch(() => undefined) : undefined;
    if (this.#entries.size > 10_000) this.#entries.clear();
    this.#entries.set(tenantId, { key, expires: Date.now() + this.#ttlMs });
    return key;
  }
}
