/**
 * Outbound connectors: how email and text messages leave Parley. Callbacks need none: they reach
 * agents as voice contacts to dial from the console.
 *
 * Every send is recorded in the store's `outbound_messages` before the connector is called and
 * settled after (sent, recorded or failed), whatever the connector; so the embedded default for
 * SMS, `recordingConnector`, only has to say "recorded". docs/elevation.md documents the
 * interface for writing a connector to an SMS provider.
 */
import nodemailer from 'nodemailer';

export interface OutboundEmail {
  /** Normalised address (ASCII domain). */
  to: string;
  subject: string;
  /** Plain text body. */
  text: string;
  /** The elevation reference (`EM-7K3M9Q`), sent as the `X-Parley-Reference` header. */
  reference: string;
}

export interface OutboundText {
  /** E.164 number. */
  to: string;
  text: string;
  reference: string;
}

/** What a connector reports for one message. `recorded` means stored only, not delivered. */
export interface SendResult {
  status: 'sent' | 'recorded';
  /** The provider's id for the message (SMTP Message-ID, SMS provider id), when there is one. */
  providerId: string | null;
}

export interface EmailConnector {
  /** Shown to agents and in logs: `smtp`, `record`… */
  readonly name: string;
  /** Sends one email; throws when the provider refuses or cannot be reached. */
  send(email: OutboundEmail): Promise<SendResult>;
}

export interface SmsConnector {
  readonly name: string;
  /** Sends one text; throws when the provider refuses or cannot be reached. */
  send(text: OutboundText): Promise<SendResult>;
}

/** The embedded default: keeps the message in the store (outbound_messages) and sends nothing. */
export const recordingConnector: EmailConnector & SmsConnector = {
  name: 'record',
  async send() {
    return { status: 'recorded', providerId: null };
  },
};

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; nodemailer's connection URL. */
  url: string;
  /** The From header, e.g. `Acme Support <support@acme.example>`. */
  from: string;
  /** Give up on an unresponsive server after this long (default 10 s). */
  timeoutMs?: number;
}

/**
 * Email over SMTP with nodemailer. Addresses and subject were validated as one line each
 * (src/core/contact-checks.ts, src/core/elevation.ts), and nodemailer encodes headers itself, so nothing a customer typed can
 * add a header.
 */
export function smtpConnector(options: SmtpOptions): EmailConnector & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    name: 'smtp',
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        headers: { 'X-Parley-Reference': email.reference },
      });
      return { status: 'sent', providerId: typeof info.messageId === 'string' ? info.messageId : null };
    },
    close() {
      transport.close();
    },
  };
}
