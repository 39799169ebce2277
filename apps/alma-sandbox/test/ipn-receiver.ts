import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedIpn {
  url: string;
  pid: string | null;
  signature: string | undefined;
  method: string;
}

/** A merchant endpoint that records IPNs and answers with the scripted statuses (then 200). */
export async function startIpnReceiver(statuses: number[] = []) {
  const received: ReceivedIpn[] = [];
  const script = [...statuses];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    received.push({
      url: req.url ?? "",
      pid: url.searchParams.get("pid"),
      signature: req.headers["x-alma-signature"] as string | undefined,
      method: req.method ?? "",
    });
    res.statusCode = script.shift() ?? 200;
    res.setHeader("Content-Type", "application/json");
    res.end(res.statusCode === 200 ? '{"success":true}' : '{"error":"not yet"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
