import { once } from "node:events";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { emailSender } from "./email-sender.ts";

/** The smallest SMTP server nodemailer talks to: it answers every command and keeps each message. */
async function smtpServer(): Promise<{ url: string; messages: string[]; server: Server }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data: string | undefined;
    let buffer = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== undefined) {
          if (line === ".") {
            messages.push(data);
            data = undefined;
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
        } else if (/^EHLO/i.test(line)) socket.write("250-test\r\n250 8BITMIME\r\n");
        else if (/^DATA/i.test(line)) {
          data = "";
          socket.write("354 go on\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, messages, server };
}

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
let running: Server | undefined;
afterEach(() => {
  running?.close();
  running = undefined;
});

describe("emailSender", () => {
  it("keeps the message in the outbox only without SMTP_URL", async () => {
    const logged: string[] = [];
    const send = emailSender({
      smtpUrl: undefined,
      from: "alma-suite@example.com",
      logger: { ...quiet, info: (_data: unknown, message?: string) => void logged.push(String(message)) },
    });
    expect(await send({ to: "marie@example.com", subject: "Hello", text: "Body" })).toBe("outbox");
    expect(logged).toEqual(["no SMTP_URL: e-mail kept in the outbox only"]);
  });

  it("sends through the SMTP server, loading nodemailer with the first message", async () => {
    const smtp = await smtpServer();
    running = smtp.server;
    const send = emailSender({ smtpUrl: smtp.url, from: "alma-suite@example.com", logger: quiet });
    expect(await send({ to: "marie@example.com", subject: "First", text: "One" })).toBe("smtp");
    expect(await send({ to: "paul@example.com", subject: "Second", text: "Two" })).toBe("smtp");
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[0]).toMatch(/^Subject: First$/m);
    expect(smtp.messages[1]).toMatch(/^To: paul@example\.com$/m);
  });

  it("fails the send, not the server's start, when the SMTP server does not answer", async () => {
    const send = emailSender({
      smtpUrl: "smtp://127.0.0.1:1",
      from: "alma-suite@example.com",
      logger: quiet,
    });
    await expect(send({ to: "marie@example.com", subject: "Lost", text: "Three" })).rejects.toThrow();
  });
});
