/**
 * A real SMTP server (smtp-server) on loopback for tests: it accepts every message and keeps it,
 * so tests check the email Parley actually sent. It can refuse the next messages or answer slowly,
 * to test failures and retries.
 */
import { SMTPServer } from 'smtp-server';

export interface Mail {
  /** Envelope recipients, as the server decoded them. */
  to: string[];
  /** The message as received: headers, blank line, body. */
  raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for `startParley({ smtp: { url } })`. */
  url: string;
  mails: Mail[];
  /** Refuses the next `n` messages with 550. */
  failNext(n: number): void;
  /** Waits `ms` before accepting each message. */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function smtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  let failures = 0;
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const err = new Error('mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          return callback(err);
        }
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext: (n) => void (failures = n),
    delay: (ms) => void (delayMs = ms),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The header block of a raw mail, unfolded, as lower-case name → value (the last one wins). */
export function mailHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new Map(head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
}
