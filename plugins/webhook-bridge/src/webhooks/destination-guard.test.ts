import { describe, expect, it } from "vitest";
import { createDestinationGuard, type Resolver } from "./destination-guard.ts";

const dns: Record<string, string[]> = {
  "hooks.example.com": ["93.184.216.34"],
  "internal.example.com": ["10.0.0.7"],
  "mixed.example.com": ["93.184.216.34", "192.168.1.10"],
  "v6.example.com": ["2606:2800:220:1:248:1893:25c8:1946"],
  "rebind.example.com": ["::ffff:127.0.0.1"],
  "nat64.example.com": ["64:ff9b::a9fe:a9fe"],
  localhost: ["127.0.0.1", "::1"],
};
const resolve: Resolver = async (host) => {
  const addresses = dns[host];
  if (!addresses) throw new Error("ENOTFOUND");
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("webhook destination guard (SSRF)", () => {
  const guard = createDestinationGuard({ allowedHosts: [], resolve });

  it.each([
    "http://127.0.0.1/hook",
    "http://127.8.9.10/hook",
    "http://localhost:3000/hook",
    "http://10.1.2.3/hook",
    "http://172.20.0.1/hook",
    "http://192.168.0.1/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[fd00::1]/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "https://internal.example.com/hook",
    "https://mixed.example.com/hook",
    "https://rebind.example.com/hook",
    "https://nat64.example.com/hook",
    "http://255.255.255.255/hook",
    "http://198.18.0.1/hook",
    "http://[2001:db8::1]/hook",
    "http://[ff02::1]/hook",
    "http://[100::1]/hook",
  ])("refuses %s", async (url) => {
    const verdict = await guard.check(url);
    expect(verdict.ok).toBe(false);
  });

  // Every IPv6 form that carries an IPv4 address leads to that IPv4 host: each is judged by it.
  it.each([
    ["6to4 of 127.0.0.1", "http://[2002:7f00:1::]/", "6to4 127.0.0.1"],
    ["6to4 of 10.0.0.1", "http://[2002:a00:1::1]/", "6to4 10.0.0.1"],
    ["IPv4-compatible 127.0.0.1", "http://[::127.0.0.1]/", "IPv4-compatible 127.0.0.1"],
    ["IPv4-compatible 169.254.169.254", "http://[::a9fe:a9fe]/", "IPv4-compatible 169.254.169.254"],
    ["IPv4-mapped 192.168.1.1", "http://[::ffff:192.168.1.1]/", "192.168.1.1 (a private address)"],
    ["IPv4-translated 10.0.0.1", "http://[::ffff:0:a00:1]/", "IPv4-translated 10.0.0.1"],
    ["NAT64 of 127.0.0.1", "http://[64:ff9b::7f00:1]/", "NAT64 127.0.0.1"],
    ["NAT64 of 192.168.0.1", "http://[64:ff9b::192.168.0.1]/", "NAT64 192.168.0.1"],
    ["local-use NAT64", "http://[64:ff9b:1::5db8:d822]/", "a rfc6052 address"],
    // Teredo: 2001:0:<server>:<flags>:<port>:<client inverted>; ~7f00:0001 = 80ff:fffe
    ["Teredo client 127.0.0.1", "http://[2001:0:5db8:d822:0:0:80ff:fffe]/", "Teredo client 127.0.0.1"],
    ["Teredo server 10.0.0.1", "http://[2001:0:a00:1:0:0:a247:2bdd]/", "Teredo server 10.0.0.1"],
  ])("refuses %s", async (_form, url, why) => {
    const verdict = await guard.check(url);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? "" : verdict.reason).toContain(why);
  });

  it.each([
    ["6to4 of 93.184.216.34", "http://[2002:5db8:d822::1]/"],
    ["NAT64 of 93.184.216.34 (DNS64 on an IPv6-only host)", "http://[64:ff9b::5db8:d822]/"],
    ["IPv4-mapped 93.184.216.34", "http://[::ffff:93.184.216.34]/"],
    ["Teredo between public addresses", "http://[2001:0:5db8:d822:0:0:a247:2bdd]/"],
  ])("accepts %s: the IPv4 address it carries is public", async (_form, url) => {
    expect((await guard.check(url)).ok).toBe(true);
  });

  it("accepts public destinations and pins the address it vetted", async () => {
    expect(await guard.check("https://hooks.example.com/alma")).toMatchObject({
      ok: true,
      address: "93.184.216.34",
      family: 4,
    });
    expect(await guard.check("https://v6.example.com/alma")).toMatchObject({ ok: true, family: 6 });
    expect(await guard.check("https://93.184.216.34:8443/alma")).toMatchObject({
      ok: true,
      address: "93.184.216.34",
    });
  });

  it("refuses other schemes, credentials and unresolvable names", async () => {
    for (const url of [
      "ftp://hooks.example.com/x",
      "file:///etc/passwd",
      "https://user:pw@hooks.example.com/",
      "https://nowhere.example.com/",
      "not a url",
    ]) {
      expect((await guard.check(url)).ok, url).toBe(false);
    }
  });

  it("lets the configuration allow-list IPs, ranges and names", async () => {
    const allowing = createDestinationGuard({
      allowedHosts: ["127.0.0.1", "10.0.0.0/8", "localhost"],
      resolve,
    });
    expect((await allowing.check("http://127.0.0.1:4000/hook")).ok).toBe(true);
    expect((await allowing.check("https://internal.example.com/hook")).ok).toBe(true);
    expect((await allowing.check("http://localhost/hook")).ok).toBe(true);
    expect((await allowing.check("http://127.0.0.2/hook")).ok).toBe(false);
    expect((await allowing.check("http://192.168.0.1/hook")).ok).toBe(false);
  });
});
