import type { PluginLogger } from "@alma-suite/core";
import type { EmailSender } from "@alma-suite/core/flows";
import { maskEmail } from "@alma-suite/core/flows";
import type { Transporter } from "nodemailer";

/**
 * E-mail through the configured SMTP server (`SMTP_URL`, any URL nodemailer accepts). Without
 * one (the embedded default) nothing leaves the machine: the message is only kept in the tenant's
 * outbox, which the dashboard shows, and the answer says so.
 */
export function emailSender(options: {
  smtpUrl: string | undefined;
  from: string;
  logger: PluginLogger;
}): EmailSender {
  // nodemailer is loaded with the first e-mail sent, not at start: most servers never send one.
  let transport: Promise<Transporter> | undefined;
  const smtp = (url: string) => {
    transport ??= import("nodemailer").then(({ default: nodemailer }) => nodemailer.createTransport(url));
    return transport;
  };
  return async (message) => {
    if (!options.smtpUrl) {
      options.logger.info({ to: maskEmail(message.to) }, "no SMTP_URL: e-mail kept in the outbox only");
      return "outbox";
    }
    await (await smtp(options.smtpUrl)).sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    options.logger.info({ to: maskEmail(message.to) }, "e-mail sent");
    return "smtp";
  };
}
