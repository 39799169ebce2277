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
  const { smtpUrl } = options;
  // The mailer loads with the first e-mail sent: a server that sends none never holds it.
  let transport: Promise<Transporter> | undefined;
  return async (message) => {
    if (!smtpUrl) {
      options.logger.info({ to: maskEmail(message.to) }, "no SMTP_URL: e-mail kept in the outbox only");
      return "outbox";
    }
    transport ??= import("nodemailer").then((mailer) => mailer.default.createTransport(smtpUrl));
    await (await transport).sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    options.logger.info({ to: maskEmail(message.to) }, "e-mail sent");
    return "smtp";
  };
}
