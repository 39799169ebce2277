import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ServerPlugin } from "../plugins.ts";
import { clientCertificateConfigs } from "./client-certificate-config.ts";
import { ConfigError } from "./load-config.ts";

/** A platform calling `/calls` with a client certificate, its checks as given. */
const plugin = (
  name: string,
  declared?: Partial<ReturnType<NonNullable<ServerPlugin["clientCertificates"]>>>,
) =>
  ({
    name,
    mountPath: `/${name}`,
    configSchema: z.object({}),
    clientCertificatePaths: ["/calls"],
    ...(declared
      ? {
          clientCertificates: () => ({
            holder: name.toUpperCase(),
            proxyAddresses: [],
            requiredInProduction: false,
            settings: { ca: `${name.toUpperCase()}_CA`, proxyAddresses: `${name.toUpperCase()}_PROXIES` },
            ...declared,
          }),
        }
      : {}),
    create: () => {
      throw new Error("not loaded here");
    },
  }) satisfies ServerPlugin;

const tls = { certFile: "/s.crt", keyFile: "/s.key" };
const live = { mode: "live", apiKey: "sk_live_x", baseUrl: undefined } as const;
const sandbox = { mode: "sandbox", baseUrl: undefined } as const;
const none = new Map<string, unknown>();

describe("client certificates, as plugins declare them", () => {
  it("requires them in production only where the plugin says its settings are a real deployment's", () => {
    const [real] = clientCertificateConfigs(
      { tls: undefined, alma: live },
      [plugin("a", { requiredInProduction: true })],
      none,
    );
    expect(real).toMatchObject({
      plugin: "a",
      holder: "A",
      production: true,
      required: true,
      proxyHeader: "X-SSL-Client-Verify",
    });
    const [sandboxed] = clientCertificateConfigs(
      { tls: undefined, alma: sandbox },
      [plugin("a", { requiredInProduction: true })],
      none,
    );
    expect(sandboxed).toMatchObject({ production: false, required: false });
  });

  it("leaves out plugins without client-certificate paths, and refuses paths without a declaration", () => {
    const quiet = { ...plugin("q", {}), clientCertificatePaths: [] };
    expect(clientCertificateConfigs({ tls, alma: live }, [quiet], none)).toEqual([]);
    expect(() => clientCertificateConfigs({ tls, alma: live }, [plugin("b")], none)).toThrow(
      /clientCertificatePaths without clientCertificates/,
    );
  });

  it("refuses a CA without TLS here, bad proxy addresses, and two CAs for one TLS server", () => {
    expect(() =>
      clientCertificateConfigs({ tls: undefined, alma: live }, [plugin("a", { ca: "/ca.pem" })], none),
    ).toThrow(/A_CA: only with TLS_CERT and TLS_KEY/);
    expect(() =>
      clientCertificateConfigs({ tls, alma: live }, [plugin("a", { proxyAddresses: ["proxy.local"] })], none),
    ).toThrow(/A_PROXIES: must be IP addresses/);
    expect(() =>
      clientCertificateConfigs(
        { tls, alma: live },
        [plugin("a", { ca: "/a.pem" }), plugin("b", { ca: "/b.pem" })],
        none,
      ),
    ).toThrow(ConfigError);
    const [a, b] = clientCertificateConfigs(
      { tls, alma: live },
      [plugin("a", { ca: "/a.pem" }), plugin("b", { proxyAddresses: ["10.0.0.2"] })],
      none,
    );
    expect(a).toMatchObject({ caFile: "/a.pem", required: true });
    expect(b).toMatchObject({ caFile: undefined, proxyAddresses: ["10.0.0.2"], required: true });
  });
});
