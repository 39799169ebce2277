import type { ProvisionedAccount } from "../merchants/provision-merchant.ts";

/** The body of `POST /_admin/merchants`. */
export interface MerchantAccountRequest {
  name?: string;
  plans?: string[];
  limits?: { min: number; max: number };
  activated?: boolean;
  test_key?: string;
  live_key?: string;
}

/**
 * Opens a merchant account on a running sandbox (`sandboxUrl` is Alma's base URL, e.g.
 * `http://127.0.0.1:4010/alma-sandbox`), as tests and tools do before using its keys.
 */
export async function provisionSandboxMerchant(
  sandboxUrl: string,
  request: MerchantAccountRequest = {},
): Promise<ProvisionedAccount> {
  const response = await fetch(`${sandboxUrl.replace(/\/+$/, "")}/_admin/merchants`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`the sandbox refused to open the merchant account (${response.status}): ${text}`);
  }
  return JSON.parse(text) as ProvisionedAccount;
}

/** Issues each test key (an account of its own) so the sandbox accepts it. */
export async function provisionSandboxKeys(sandboxUrl: string, ...testKeys: string[]): Promise<void> {
  for (const key of testKeys) await provisionSandboxMerchant(sandboxUrl, { test_key: key });
}
