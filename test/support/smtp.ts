// A real SMTP server for tests (smtp-server) that keeps every message it accepted, parsed by
// mailparser. `refuseOnce` makes it refuse an address's next message (a 451) to test retries.
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Addresses whose next message is refused (451), once each. */
  refuseOnce: Set<string>;
  /** Messages to `address`, once at least `n` arrived (or rejects after `ms`). */
  waitFor(address: string, n?: number, ms?: number): Promise<ParsedMail[]>;
  /** Messages whose To: contains `address`. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

const toOf = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : [])
    .flatMap((a) => a.value.map((v) => v.address ?? ''))
    .join(',');

/** A header's raw value (mailparser structures List-* headers; tests want the line). */
export function rawHeader(m: ParsedMail, name: string): string {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

/** `delayMs`: answer each message that much later (a slow server, so a batch takes a while). */
export async function startSmtpSink(opts: { delayMs?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const sink: SmtpSink = {
    url: '',
    messages,
    refuseOnce: new Set(),
    to: (address) => messages.filter((m) => toOf(m).includes(address)),
    async waitFor(address, n = 1, ms = 20_000) {
      const until = Date.now() + ms;
      while (sink.to(address).length < n) {
        if (Date.now() > until)
          throw new Error(`expected ${n} messages to ${address}, got ${sink.to(address).length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return sink.to(address);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const rcpt = session.envelope.rcptTo.map((r) => r.address).find((a) => sink.refuseOnce.has(a));
        if (rcpt) {
          sink.refuseOnce.delete(rcpt);
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        messages.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}
