/**
 * A real SMTP server for the tests (the npm `smtp-server` package) on 127.0.0.1: it
 * accepts every message and keeps it, so a test reads what the platform really sent.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = { from: string; to: string[]; raw: string };

export type SmtpCapture = {
  port: number;
  captured: CapturedMail[];
  /** Listen again (on the same port by default) after stop(). */
  start: (onPort?: number) => Promise<number>;
  stop: () => Promise<void>;
  /** The first mail to `to` after `since` messages, waiting up to `timeoutMs`. */
  waitFor: (to: string, options?: { since?: number; timeoutMs?: number }) => Promise<CapturedMail>;
};

export async function startSmtpCapture(): Promise<SmtpCapture> {
  let server: SMTPServer | null = null;
  const capture: SmtpCapture = {
    port: 0,
    captured: [],
    start: (onPort = capture.port) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            capture.captured.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
            callback();
          });
        },
      });
      return new Promise((resolve, reject) => {
        server!.on("error", reject);
        server!.listen(onPort, "127.0.0.1", () => {
          capture.port = (server!.server.address() as AddressInfo).port;
          resolve(capture.port);
        });
      });
    },
    stop: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
    waitFor: async (to, { since = 0, timeoutMs = 30_000 } = {}) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = capture.captured.slice(since).find((m) => m.to.includes(to));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms (${capture.captured.length} captured)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  await capture.start(0);
  return capture;
}

/** The text part as written: quoted-printable soft breaks and escapes undone. */
export function decodedMail(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, "");
  return Buffer.from(unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
}
