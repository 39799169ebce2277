import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Delivery {
  webhookId: string;
  type: string;
  /** What the event is about: the payment id (payment.*) or the refund reference (payment.refunded). */
  subject: string;
}

/** The agency's webhook endpoint: answers 204 and records every delivery it gets, repeats included. */
export async function startHookRecorder() {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        type: string;
        data: { payment?: { id?: string }; refund?: { reference?: string } };
      };
      const subject =
        payload.type === "payment.refunded" ? payload.data.refund?.reference : payload.data.payment?.id;
      deliveries.push({
        webhookId: String(req.headers["webhook-id"]),
        type: payload.type,
        subject: String(subject),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
