// The mailer port: the one way Meridian sends email. SMTP when MERIDIAN_SMTP_URL is set; otherwise
// messages go to the log, so a development machine needs no mail server. Tests pass a fake.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects on any failure (the job retries). */
  send(mail: OutgoingMail): Promise<void>;
}

export interface MailLog {
  info(obj: object, msg: string): void;
}

export function createMailer(config: { smtpUrl: string | null; from: string }, log?: MailLog) {
  if (!config.smtpUrl) return logMailer(log);
  const transport = nodemailer.createTransport(config.smtpUrl, { from: config.from });
  return {
    async send(mail: OutgoingMail) {
      await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
  } satisfies Mailer;
}

/** Development: the whole message in the log instead of a mailbox. */
export function logMailer(log?: MailLog): Mailer {
  return {
    async send(mail) {
      log?.info({ mail }, `email to ${mail.to} (not sent: MERIDIAN_SMTP_URL is not set)`);
    },
  };
}
