import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { classifyAddress } from "./classify-address.ts";

export type GuardVerdict =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; reason: string };

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface DestinationGuard {
  /** Checks the URL's form, resolves its host and vets every address; the caller connects to `address`. */
  check(url: string): Promise<GuardVerdict>;
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is connected to, and allow-listed, as the IPv4 address it carries. */
function normalise(address: string): { address: string; family: 4 | 6 } {
  if (isIP(address) === 4) return { address, family: 4 };
  const v6 = ipaddr.IPv6.parse(address);
  if (v6.isIPv4MappedAddress()) return { address: v6.toIPv4Address().toString(), family: 4 };
  return { address, family: 6 };
}

/**
 * The SSRF guard: an agency's webhook URL must not reach our own network. The allow-list
 * (BRIDGE_WEBHOOK_ALLOWED_HOSTS) holds host names,
 * IPs or CIDR ranges. Deliveries connect to the vetted address itself, so a DNS answer that
 * changes between the check and the connection (rebinding) cannot redirect them.
 */
export function createDestinationGuard(options: {
  allowedHosts: readonly string[];
  resolve?: Resolver;
}): DestinationGuard {
  const allowedNames = new Set<string>();
  const allowedNets = new BlockList();
  for (const entry of options.allowedHosts) {
    const [network, prefix] = entry.split("/");
    const family = isIP(network ?? "");
    if (network && family !== 0) {
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      allowedNets.addSubnet(network, bits, family === 4 ? "ipv4" : "ipv6");
    } else allowedNames.add(entry.toLowerCase());
  }
  const resolve: Resolver = options.resolve ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  const isAllowedAddress = (a: { address: string; family: 4 | 6 }) =>
    allowedNets.check(a.address, a.family === 4 ? "ipv4" : "ipv6");

  return {
    async check(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { ok: false, reason: "not a valid URL" };
      }
      if (url.protocol !== "https:" && url.protocol !== "http:")
        return { ok: false, reason: "only http and https URLs" };
      if (url.username || url.password)
        return { ok: false, reason: "credentials in the URL are not allowed" };
      const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
      const nameAllowed = allowedNames.has(host);
      let addresses: { address: string; family: 4 | 6 }[];
      if (isIP(host) !== 0) addresses = [normalise(host)];
      else {
        try {
          addresses = (await resolve(host)).map((a) => normalise(a.address));
        } catch {
          return { ok: false, reason: `cannot resolve ${host}` };
        }
      }
      if (addresses.length === 0) return { ok: false, reason: `cannot resolve ${host}` };
      // Every address must pass: a name resolving to one public and one private address is refused.
      for (const a of addresses) {
        if (nameAllowed || isAllowedAddress(a)) continue;
        const verdict = classifyAddress(a.address);
        if (!verdict.ok)
          return {
            ok: false,
            reason: `${host} resolves to ${a.address} (${verdict.why}): only public addresses are allowed`,
          };
      }
      const first = addresses[0] as { address: string; family: 4 | 6 };
      return { ok: true, url, address: first.address, family: first.family };
    },
  };
}
