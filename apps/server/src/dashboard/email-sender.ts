import type { PluginLogger } from "@alma-suite/core";
import type { EmailSender } from "@alma-suite/core/flows";
import { maskEmail } from "@alma-suite/core/flows";
import nodemailer from "nodemailer";

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
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  return async (message) => {
    if (!transport) {
      options.logger.info({ to: maskEmail(message.to) }, "no SMTP_URL: e-mail kept in the outbox only");
      return "outbox";
    }
    await transport.sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    options.logger.info({ to: maskEmail(message.to) }, "e-mail sent");
    return "smtp";
  };
}
