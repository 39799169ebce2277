import type { IncomingMessage } from "node:http";
import { BlockList } from "node:net";
import type { TLSSocket } from "node:tls";
import type { RequestHandler } from "express";
import type { ClientCertificateConfig } from "../config/client-certificate-config.ts";
import type { Logger } from "../observability/create-logger.ts";

/**
 * Whether a request carries a client certificate that chains to the platform's CA: checked by this
 * server's TLS (the plugin's CA setting), or vouched for by a configured proxy in its verdict header.
 * The header counts only on a connection from one of the proxy addresses, so nobody else can
 * send it; the address is the socket's, never a forwarded one.
 */
export function clientCertificateVerdict(config: ClientCertificateConfig): (req: IncomingMessage) => boolean {
  const proxies = new BlockList();
  for (const entry of config.proxyAddresses) {
    const [address = "", bits] = entry.split("/");
    const family = address.includes(":") ? "ipv6" : "ipv4";
    if (bits === undefined) proxies.addAddress(address, family);
    else proxies.addSubnet(address, Number(bits), family);
  }
  const header = config.proxyHeader.toLowerCase();
  const checkedHere = Boolean(config.caFile);
  return (req) => {
    if (checkedHere && (req.socket as Partial<TLSSocket>).authorized === true) return true;
    if (config.proxyAddresses.length === 0 || req.headers[header] !== "SUCCESS") return false;
    return fromProxy(proxies, req.socket.remoteAddress);
  };
}

function fromProxy(proxies: BlockList, remote: string | undefined): boolean {
  if (!remote) return false;
  // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote)?.[1];
  if (mapped) return proxies.check(mapped, "ipv4");
  return proxies.check(remote, remote.includes(":") ? "ipv6" : "ipv4");
}

/** Refuses a request without a verified client certificate where one is required (403, logged). */
export function clientCertificateGuard(
  config: ClientCertificateConfig,
  verified: (req: IncomingMessage) => boolean,
  logger: Logger,
): RequestHandler {
  return (req, res, next) => {
    if (!config.required || verified(req)) return next();
    logger.warn(
      { path: req.originalUrl.split("?")[0], remoteAddress: req.socket.remoteAddress, plugin: config.plugin },
      `refused a request without ${config.holder}'s verified client certificate`,
    );
    res
      .status(403)
      .json({ error: `this route answers only ${config.holder}, with its client certificate (mTLS)` });
  };
}

/** One line for the start banner and the log: how a platform's certificate is checked, or that it is not. */
export function describeClientCertificates(config: ClientCertificateConfig): string {
  const { holder, settings } = config;
  const ways = [
    config.caFile ? `checked here against ${settings.ca}` : "",
    config.proxyAddresses.length > 0
      ? `checked by the proxy at ${config.proxyAddresses.join(", ")} (verdict in ${config.proxyHeader})`
      : "",
  ].filter(Boolean);
  if (ways.length > 0) return `mTLS on: ${holder}'s client certificate ${ways.join(", or ")}`;
  if (config.required)
    return `mTLS REQUIRED but not configured: the routes ${holder} calls with its client certificate are refused until TLS_CERT, TLS_KEY and ${settings.ca}, or ${settings.proxyAddresses}, are set`;
  return `mTLS OFF (development or sandbox mode): the routes ${holder} calls with its client certificate answer without one`;
}

/** Whether the paths are refused until someone configures a check: worth an error in the log. */
export function clientCertificatesMissing(config: ClientCertificateConfig): boolean {
  return config.required && !config.caFile && config.proxyAddresses.length === 0;
}
