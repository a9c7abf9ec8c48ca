/**
 * The SMS outbox, as the mail outbox (app/features/mail): callers queue an SMS in the same
 * transaction as what caused it. The SMS is stored (the demo page and the retention purge read
 * the outbox) with its `sms.send` job on the queue (app/features/jobs), whose handler sends it to
 * the operator's gateway over SMPP; retries, backoff and giving up come from the queue, so a
 * gateway that is down or refuses delays an SMS, never loses it.
 * Numbers and texts are never logged, and never put in the job (the job has the SMS's id).
 */
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import smpp, { type PDU, type Session } from "smpp";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { smsOutbox } from "~/db/schema";
import { scheduleJob, type JobHandler } from "~/features/jobs/queue.server";
import { normalizePhone } from "~/lib/phone";

export type OutgoingSms = { to: string; text: string };

export const SMS_SEND = "sms.send";
/** Tries before an SMS is marked failed (the queue's backoff in between: 1 min, 5 min, 30 min, 2 h…). */
export const SMS_MAX_ATTEMPTS = 8;
export const SMS_RETENTION_MS = 30 * 86_400_000;

/** The job of one SMS: keyed by the SMS's id, so it is never queued twice. */
export const smsJobKey = (smsId: string) => `${SMS_SEND}:${smsId}`;
const SmsJobPayload = z.object({ smsId: z.uuid() });

/**
 * Queue an SMS; pass the transaction handle of what causes it. `to` as typed or E.164 (stored
 * E.164); a number normalizePhone refuses throws (check it where it is typed). Returns the outbox id.
 */
export async function queueSms(db: Db, sms: OutgoingSms, now: Date = new Date()): Promise<string> {
  const to = normalizePhone(sms.to);
  if (!to) throw new Error("queueSms: not a phone number");
  // A transaction of its own when the caller has none (inside the caller's, a savepoint).
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(smsOutbox).values({ toNumber: to, body: sms.text, createdAt: now }).returning({ id: smsOutbox.id });
    await scheduleJob(tx, { kind: SMS_SEND, key: smsJobKey(row!.id), runAt: now, payload: { smsId: row!.id }, maxAttempts: SMS_MAX_ATTEMPTS });
    return row!.id;
  });
}

/** What delivers an SMS: the SMPP transport below, or anything with the same send (tests). */
export type SmsTransport = { send: (sms: { to: string; text: string }) => Promise<void> };

/** An SMPP failure: `code` is what the failed job keeps ("SMPP ESME_RTHROTTLED"), never the number or the text. */
export class SmppError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = "SmppError";
  }
}

const statusNames = new Map(Object.entries(smpp.errors).map(([name, status]) => [status, name]));
const statusError = (status: number) => new SmppError(`SMPP ${statusNames.get(status) ?? `0x${status.toString(16).padStart(8, "0")}`}`);

/** SMS_URL: smpp://system_id:password@host:port, optionally ?source=ReseauEPN (the sender shown). */
export function parseSmsUrl(smsUrl: string): { host: string; port: number; systemId: string; password: string; source: string | null } {
  const url = new URL(smsUrl);
  if (url.protocol !== "smpp:" || !url.hostname || !url.username) throw new Error("SMS_URL: expected smpp://system_id:password@host:port");
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : 2775,
    systemId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    source: url.searchParams.get("source") || null,
  };
}

/**
 * The text as sent: the GSM 03.38 alphabet (data_coding 0, the SMSC default; it has é, è, à, ù)
 * when every character is in it, else UCS-2 (data_coding 8: ê, ô, ç, œ…). One SMS holds 160 GSM
 * characters or 70 UCS-2 ones; a longer text goes in message_payload, which the gateway splits.
 */
export function encodeSmsText(text: string): { data_coding: number; short_message: Buffer; message_payload?: Buffer } {
  const gsm = smpp.encodings.ASCII.match(text);
  const bytes = gsm ? smpp.encodings.ASCII.encode(text) : Buffer.from(text, "utf16le").swap16();
  const data_coding = gsm ? 0 : 8;
  if (bytes.length <= (gsm ? 160 : 140)) return { data_coding, short_message: bytes };
  return { data_coding, short_message: Buffer.alloc(0), message_payload: bytes };
}

/**
 * How many SMS a text takes as `encodeSmsText` sends it: 160 GSM characters or 70 UCS-2 ones in
 * one; past that, the gateway splits it into parts of 153 or 67 (each part carries its header).
 * A GSM extension character (€, [, ], {, }, ~, ^, \, |) counts twice.
 */
export function smsParts(text: string): number {
  const { data_coding, short_message, message_payload } = encodeSmsText(text);
  const gsm = data_coding === 0;
  const units = (message_payload ?? short_message).length / (gsm ? 1 : 2);
  if (units <= (gsm ? 160 : 70)) return 1;
  return Math.ceil(units / (gsm ? 153 : 67));
}

/** The sender: an alphanumeric name (TON 5, at most 11 characters), a number (international, TON 1), or the gateway's default. */
function sourceAddress(source: string | null) {
  if (!source) return { source_addr_ton: 0, source_addr_npi: 0, source_addr: "" };
  if (/^\+?\d+$/.test(source)) return { source_addr_ton: 1, source_addr_npi: 1, source_addr: source.replace("+", "") };
  return { source_addr_ton: 5, source_addr_npi: 0, source_addr: source.slice(0, 11) };
}

/** One bound connection: the SMS waiting for their answer (failed at once if it drops), the idle timer. */
type Link = { session: Session; failPending: Set<(error: Error) => void>; inFlight: number; idle: NodeJS.Timeout | null };

/**
 * Sends over one SMPP connection, bound as a transmitter, opened at the first SMS and kept for
 * the next ones; closed after `idleMs` without an SMS, and opened again at the next SMS when the
 * gateway or the network dropped it. Each SMS resolves on its submit_sm_resp with status 0 and
 * rejects otherwise (the status's name as code), or when the connection drops or `timeoutMs` pass.
 */
export function createSmppTransport(smsUrl: string, options: { timeoutMs?: number; idleMs?: number } = {}): SmsTransport & { close: () => void } {
  const target = parseSmsUrl(smsUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const idleMs = options.idleMs ?? 60_000;
  /** The connection being opened or open; null once it dropped or was closed (the next SMS opens another). */
  let link: Promise<Link> | null = null;
  let active: Link | null = null;

  function open(): Promise<Link> {
    const opened = new Promise<Link>((resolve, reject) => {
      const session = smpp.connect({ host: target.host, port: target.port });
      const current: Link = { session, failPending: new Set(), inFlight: 0, idle: null };
      let bound = false;
      const timer = setTimeout(() => {
        reject(new SmppError("SMPP bind timeout"));
        session.destroy();
      }, timeoutMs);
      const dropped = (error: Error) => {
        clearTimeout(timer);
        if (current.idle) clearTimeout(current.idle);
        if (link === opened) link = null;
        if (active === current) active = null;
        if (!bound) reject(error);
        for (const fail of current.failPending) fail(error);
        current.failPending.clear();
      };
      session.on("error", (error: Error) => dropped(error));
      session.on("close", () => dropped(new SmppError("SMPP connection closed")));
      // The gateway checks that the link is alive, or ends the session.
      session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
      session.on("unbind", (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on("connect", () => {
        session.bind_transmitter({ system_id: target.systemId, password: target.password }, (pdu) => {
          clearTimeout(timer);
          if (pdu.command_status !== 0) {
            reject(statusError(pdu.command_status));
            session.destroy();
            return;
          }
          bound = true;
          active = current;
          resolve(current);
        });
      });
    });
    return opened;
  }

  function submit(current: Link, sms: { to: string; text: string }): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => {
        current.failPending.delete(fail);
        reject(new SmppError("SMPP submit timeout"));
        // An answer that does not come: the connection is not trusted any more.
        current.session.destroy();
      }, timeoutMs);
      current.failPending.add(fail);
      const written = current.session.submit_sm(
        { ...sourceAddress(target.source), dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: sms.to.replace("+", ""), ...encodeSmsText(sms.text) },
        (pdu) => {
          current.failPending.delete(fail);
          clearTimeout(timer);
          if (pdu.command_status === 0) resolve();
          else reject(statusError(pdu.command_status));
        },
      );
      if (!written) {
        current.failPending.delete(fail);
        fail(new SmppError("SMPP connection closed"));
      }
    });
  }

  /** Unbind and close this connection; the next SMS opens another. */
  function end(current: Link): void {
    if (current.idle) clearTimeout(current.idle);
    if (active === current) {
      active = null;
      link = null;
    }
    current.session.unbind();
    current.session.close();
  }

  return {
    send: async (sms) => {
      link ??= open();
      const current = await link;
      if (current.idle) clearTimeout(current.idle);
      current.inFlight++;
      try {
        await submit(current, sms);
      } finally {
        current.inFlight--;
        if (current.inFlight === 0 && active === current) {
          current.idle = setTimeout(() => end(current), idleMs);
          current.idle.unref();
        }
      }
    },
    close: () => {
      const closing = link;
      link = null;
      void closing?.then(end, () => {});
    },
  };
}

/**
 * The `sms.send` job: send the SMS over SMPP and mark it sent; after its last failed attempt,
 * mark it failed. Without a transport (demo mode: no SMS_URL) nothing is sent and the SMS stays
 * as it is, shown at /gestion/dev/mails.
 */
export function smsSendHandler(transport: SmsTransport | null): JobHandler {
  return {
    run: async (db, payload) => {
      if (!transport) return;
      const { smsId } = SmsJobPayload.parse(payload);
      const [sms] = await db.select({ to: smsOutbox.toNumber, text: smsOutbox.body, status: smsOutbox.status }).from(smsOutbox).where(eq(smsOutbox.id, smsId));
      // Purged already, or sent by an attempt whose end was not recorded (its node stopped).
      if (!sms || sms.status === "sent") return;
      await transport.send({ to: sms.to, text: sms.text });
      await db.update(smsOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(smsOutbox.id, smsId));
    },
    onFailed: async (tx, payload) => {
      const { smsId } = SmsJobPayload.parse(payload);
      await tx.update(smsOutbox).set({ status: "failed" }).where(and(eq(smsOutbox.id, smsId), eq(smsOutbox.status, "pending")));
    },
  };
}

/**
 * SMS hold a phone number: deleted 30 days after they were sent or given up on. In demo mode
 * (`sendsSms` false) nothing is ever sent, so queued SMS go 30 days after being queued.
 * Run by the retention pass (app/features/retention).
 */
export async function purgeOldSms(db: Db, options: { now?: Date; sendsSms: boolean }): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - SMS_RETENTION_MS);
  const done = options.sendsSms ? or(and(eq(smsOutbox.status, "sent"), lt(smsOutbox.sentAt, cutoff)), and(eq(smsOutbox.status, "failed"), lt(smsOutbox.createdAt, cutoff))) : lt(smsOutbox.createdAt, cutoff);
  const deleted = await db.delete(smsOutbox).where(done).returning({ id: smsOutbox.id });
  return deleted.length;
}

/** Demo mode (no SMS_URL): the latest queued SMS, for /gestion/dev/mails. */
export async function latestSms(db: Db, limit = 50) {
  return db
    .select({ id: smsOutbox.id, to: smsOutbox.toNumber, text: smsOutbox.body, createdAt: smsOutbox.createdAt })
    .from(smsOutbox)
    .orderBy(desc(smsOutbox.createdAt), desc(sql`${smsOutbox.id}`))
    .limit(limit);
}
