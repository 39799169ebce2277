import ipaddr from "ipaddr.js";

export type AddressVerdict = { ok: true } | { ok: false; why: string };

/**
 * Whether a webhook may connect to this IP address. ipaddr.js's `range()` names every special
 * range; only a public unicast address passes. IPv6 addresses that carry an IPv4 address inside
 * (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64, 6to4, Teredo) reach that IPv4 host in
 * the end, so the IPv4 address they carry is judged instead: `[2002:7f00:1::]` is 127.0.0.1.
 */
export function classifyAddress(address: string): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return { ok: false, why: "not an IP address" };
  }
  if (parsed.kind() === "ipv4") return judgeIpv4(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIpv4(v6);
  if (embedded === "refuse") return { ok: false, why: `a ${v6.range()} address` };
  if (embedded) {
    for (const { role, v4 } of embedded) {
      const verdict = judgeIpv4(v4);
      if (!verdict.ok) return { ok: false, why: `${role} ${v4.toString()}, ${verdict.why}` };
    }
    return { ok: true };
  }
  const range = v6.range();
  return range === "unicast" ? { ok: true } : { ok: false, why: `a ${range} address` };
}

function judgeIpv4(v4: ipaddr.IPv4): AddressVerdict {
  const range = v4.range();
  return range === "unicast" ? { ok: true } : { ok: false, why: `a ${range} address` };
}

type Embedded = { role: string; v4: ipaddr.IPv4 }[];

/** The IPv4 addresses an IPv6 address leads to; null when it carries none, "refuse" when unknowable. */
function embeddedIpv4(v6: ipaddr.IPv6): Embedded | null | "refuse" {
  const p = v6.parts;
  const v4At = (high: number, low: number, mask = 0) =>
    new ipaddr.IPv4([
      ((high >> 8) ^ (mask >>> 24)) & 0xff,
      (high ^ (mask >>> 16)) & 0xff,
      ((low >> 8) ^ (mask >>> 8)) & 0xff,
      (low ^ mask) & 0xff,
    ]);
  const last32 = () => v4At(p[6] ?? 0, p[7] ?? 0);
  switch (v6.range()) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
      return [{ role: "IPv4-mapped", v4: last32() }];
    case "rfc6145": // ::ffff:0:a.b.c.d
      return [{ role: "IPv4-translated", v4: last32() }];
    case "rfc6052": // 64:ff9b::a.b.c.d; the local-use 64:ff9b:1::/48 places it where the network chose
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0
        ? [{ role: "NAT64", v4: last32() }]
        : "refuse";
    case "6to4": // 2002:aabb:ccdd::/48 routes to a.b.c.d (aabb ccdd)
      return [{ role: "6to4", v4: v4At(p[1] ?? 0, p[2] ?? 0) }];
    case "teredo": // 2001:0:server:flags:port:client, the client's address inverted
      return [
        { role: "Teredo server", v4: v4At(p[2] ?? 0, p[3] ?? 0) },
        { role: "Teredo client", v4: v4At(p[6] ?? 0, p[7] ?? 0, 0xffffffff) },
      ];
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks): ipaddr.js calls it
      // unicast. `::` and `::1` are the unspecified and loopback addresses, judged as such.
      if (p.slice(0, 6).every((part) => part === 0) && ((p[6] ?? 0) !== 0 || (p[7] ?? 0) > 1))
        return [{ role: "IPv4-compatible", v4: last32() }];
      return null;
  }
}
