import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export type GuardVerdict =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; reason: string };

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface DestinationGuard {
  /** Checks the URL's form, resolves its host and vets every address; the caller connects to `address`. */
  check(url: string): Promise<GuardVerdict>;
}

/** Addresses a webhook must never reach by default: this machine, private networks, link-local, reserved. */
const BLOCKED_V4 = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const;
const BLOCKED_V6 = [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const;

function blockedList(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of BLOCKED_V4) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of BLOCKED_V6) list.addSubnet(network, prefix, "ipv6");
  return list;
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries. */
function normalise(address: string): { address: string; family: 4 | 6 } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 4 };
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

/**
 * The SSRF guard (design.md §5). The allow-list (BRIDGE_WEBHOOK_ALLOWED_HOSTS) holds host names,
 * IPs or CIDR ranges. Deliveries connect to the vetted address itself, so a DNS answer that
 * changes between the check and the connection (rebinding) cannot redirect them.
 */
export function createDestinationGuard(options: {
  allowedHosts: readonly string[];
  resolve?: Resolver;
}): DestinationGuard {
  const blocked = blockedList();
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
  const isBlocked = (a: { address: string; family: 4 | 6 }) =>
    blocked.check(a.address, a.family === 4 ? "ipv4" : "ipv6");

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
        if (!nameAllowed && !isAllowedAddress(a) && isBlocked(a)) {
          return {
            ok: false,
            reason: `${host} resolves to ${a.address}, a private, loopback or link-local address`,
          };
        }
      }
      const first = addresses[0] as { address: string; family: 4 | 6 };
      return { ok: true, url, address: first.address, family: first.family };
    },
  };
}
