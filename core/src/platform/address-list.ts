import { isIP } from "node:net";
import { commaList } from "./comma-list.ts";

/** An IP address (v4 or v6), or a CIDR range of them (`10.0.0.0/8`, `fd00::/64`). */
export function isAddressOrRange(entry: string): boolean {
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * A setting listing addresses or ranges, comma-separated (a plugin's trusted proxies): parsed to
 * the list, a name that is not an address refused rather than resolved.
 */
export const addressList = () =>
  commaList().refine(
    (entries) => entries.every(isAddressOrRange),
    "must be IP addresses or CIDR ranges, comma-separated",
  );
