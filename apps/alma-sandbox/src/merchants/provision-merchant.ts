import { createHash } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";
import type { SandboxClock } from "../clock/sandbox-clock.ts";
import { base62FromBytes, randomBase62 } from "../ids/new-id.ts";
import type { SandboxStore } from "../store/sandbox-store.ts";
import type { AmountLimits } from "./fee-plan.ts";
import type { MerchantMode, MerchantRecord } from "./merchant-record.ts";

/** What an account is opened with; every field is optional. */
export interface MerchantSpec {
  name?: string;
  /** Plan keys enabled on the account (`general_3_0_0`…); absent: every plan. */
  plans?: string[];
  limits?: AmountLimits;
  /** false opens the account "not yet activated". */
  activated?: boolean;
  /** Issue this exact test key (tooling and tests); otherwise a random one. */
  testKey?: string;
  /** Issue this exact live key; otherwise a random one. */
  liveKey?: string;
}

export interface IssuedEnvironment {
  merchant_id: string;
  api_key: string;
}

/** An account as the tooling shows it: both environments with their keys. */
export interface ProvisionedAccount {
  name: string;
  activated: boolean;
  plans: string[] | null;
  limits: AmountLimits | null;
  test: IssuedEnvironment;
  live: IssuedEnvironment;
}

export const KEY_FORMAT: Record<MerchantMode, RegExp> = {
  test: /^sk_test_[A-Za-z0-9]{8,}$/,
  live: /^sk_live_[A-Za-z0-9]{8,}$/,
};

/** Where a key's merchant is found: the index is keyed by a hash, never by the key itself. */
export function keyIndexId(apiKey: string): string {
  return createHash("sha256").update(`alma-sandbox:${apiKey}`).digest("hex");
}

export function merchantForKey(store: SandboxStore, apiKey: string): MerchantRecord | undefined {
  const entry = store.apiKeys.get(keyIndexId(apiKey));
  const merchant = entry ? store.merchants.get(entry.merchantId) : undefined;
  // The hash matched; the stored key must too (a collision must never open another merchant).
  return merchant && constantTimeEqual(merchant.apiKey, apiKey) ? merchant : undefined;
}

/**
 * Opens a merchant account with a test and a live environment, or, when a key given in `spec`
 * was already issued, updates that account's settings and returns it (so seeding the same
 * merchants at every start is harmless). A key issued to one environment never opens another.
 */
export function provisionMerchant(
  deps: { store: SandboxStore; clock: SandboxClock },
  spec: MerchantSpec,
): ProvisionedAccount {
  const { store } = deps;
  for (const [mode, key] of [
    ["test", spec.testKey],
    ["live", spec.liveKey],
  ] as const) {
    if (key !== undefined && !KEY_FORMAT[mode].test(key))
      throw new MerchantSpecError(
        `${mode}_key`,
        `must look like ${mode === "test" ? "sk_test_" : "sk_live_"} + 8 or more letters or digits`,
      );
  }
  const existing =
    (spec.testKey ? merchantForKey(store, spec.testKey) : undefined) ??
    (spec.liveKey ? merchantForKey(store, spec.liveKey) : undefined);
  const now = deps.clock.nowSeconds();
  const name = spec.name ?? existing?.name ?? `Sandbox merchant ${randomBase62(4)}`;
  const settings = {
    name,
    plans: spec.plans ?? existing?.plans ?? null,
    limits: spec.limits ?? existing?.limits ?? null,
    activated: spec.activated ?? existing?.activated ?? true,
  };
  const sibling = existing?.siblingId ? store.merchants.get(existing.siblingId) : undefined;
  const environment = (mode: MerchantMode): MerchantRecord => {
    const wantedKey = mode === "test" ? spec.testKey : spec.liveKey;
    const current = [existing, sibling].find((m) => m && (m.mode ?? "test") === mode);
    if (current && wantedKey !== undefined && !constantTimeEqual(wantedKey, current.apiKey))
      throw new MerchantSpecError(`${mode}_key`, `this account already has another ${mode} key`);
    if (!current && wantedKey !== undefined && merchantForKey(store, wantedKey))
      throw new MerchantSpecError(`${mode}_key`, "was already issued to another account");
    const apiKey = current?.apiKey ?? wantedKey ?? `sk_${mode}_${randomBase62(24)}`;
    return {
      ...current,
      id: current?.id ?? merchantIdFor(apiKey),
      apiKey,
      mode,
      created: current?.created ?? now,
      ...settings,
    };
  };
  const test = environment("test");
  const live = environment("live");
  test.siblingId = live.id;
  live.siblingId = test.id;
  for (const merchant of [test, live]) {
    store.merchants.put(merchant.id, merchant, { owner: merchant.id });
    store.apiKeys.put(keyIndexId(merchant.apiKey), { merchantId: merchant.id });
  }
  return accountView(test, live);
}

/** Accounts in the order they were opened, newest first, from their test environments. */
export function listAccounts(store: SandboxStore): ProvisionedAccount[] {
  return store.merchants
    .list({ filter: (doc) => ((doc as MerchantRecord).mode ?? "test") === "test" })
    .items.flatMap((test) => {
      const live = test.siblingId ? store.merchants.get(test.siblingId) : undefined;
      return live ? [accountView(test, live)] : [];
    });
}

function accountView(test: MerchantRecord, live: MerchantRecord): ProvisionedAccount {
  return {
    name: test.name,
    activated: test.activated !== false,
    plans: test.plans ?? null,
    limits: test.limits ?? null,
    test: { merchant_id: test.id, api_key: test.apiKey },
    live: { merchant_id: live.id, api_key: live.apiKey },
  };
}

/** Stable for a key, so a merchant seeded again after a restart keeps its id and payments. */
function merchantIdFor(apiKey: string): string {
  const digest = createHash("sha256").update(`alma-sandbox-merchant:${apiKey}`).digest();
  return `merchant_11${base62FromBytes(digest, 32)}`;
}

/** A spec that cannot be honoured; `field` names the offending key (`test_key`, `live_key`). */
export class MerchantSpecError extends Error {
  override name = "MerchantSpecError";
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
