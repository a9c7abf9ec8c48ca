/**
 * A real SMPP gateway for the tests (the npm `smpp` package's server) on 127.0.0.1: it accepts a
 * bind with its system_id and password, answers each submit_sm and keeps what it received, decoded
 * as a phone would (GSM 03.38 or UCS-2, short_message or message_payload), so a test reads what
 * the platform really sent. `submitStatus` makes it refuse the next submits with that status.
 */
import type { AddressInfo } from "node:net";
import smpp, { type PDU, type Server, type Session } from "smpp";

export const SMPP_SYSTEM_ID = "reseau-epn";
export const SMPP_PASSWORD = "s3cret";

export type CapturedSms = { to: string; text: string; dataCoding: number; source: string; sourceTon: number; inPayload: boolean };

export type SmppCapture = {
  port: number;
  captured: CapturedSms[];
  /** Successful binds since the start (a reconnection binds again). */
  binds: number;
  /** The command_status answered to each submit_sm (0: accepted; e.g. smpp.errors.ESME_RTHROTTLED). */
  submitStatus: number;
  /** The smpp:// URL of this gateway, as SMS_URL. */
  url: (options?: { password?: string; source?: string }) => string;
  /** Listen again (on the same port by default) after stop(). */
  start: (onPort?: number) => Promise<number>;
  /** Stop listening and cut every open session (as a gateway that goes down). */
  stop: () => Promise<void>;
  /** The first SMS to `to` (E.164 without "+") after `since` ones, waiting up to `timeoutMs`. */
  /** The first SMS to `to` captured after the `since`-th, whose text matches `matching` when given. */
  waitFor: (to: string, options?: { since?: number; timeoutMs?: number; matching?: RegExp }) => Promise<CapturedSms>;
};

const text = (message: unknown): string => (typeof message === "object" && message !== null && "message" in message ? String((message as { message: unknown }).message) : "");

export async function startSmppCapture(): Promise<SmppCapture> {
  let server: Server | null = null;
  const onSession = (session: Session) => {
    let bound = false;
    // A client that goes away mid-session: nothing to do.
    session.on("error", () => {});
    const bind = (pdu: PDU) => {
      if (pdu.system_id !== SMPP_SYSTEM_ID || pdu.password !== SMPP_PASSWORD) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      bound = true;
      capture.binds++;
      session.send(pdu.response({ system_id: "capture" }));
    };
    session.on("bind_transmitter", bind);
    session.on("bind_transceiver", bind);
    session.on("submit_sm", (pdu: PDU) => {
      if (!bound) return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
      if (capture.submitStatus !== 0) return void session.send(pdu.response({ command_status: capture.submitStatus }));
      const inPayload = pdu.message_payload !== undefined;
      capture.captured.push({
        to: String(pdu.destination_addr),
        text: text(inPayload ? pdu.message_payload : pdu.short_message),
        dataCoding: Number(pdu.data_coding),
        source: String(pdu.source_addr),
        sourceTon: Number(pdu.source_addr_ton),
        inPayload,
      });
      session.send(pdu.response({ message_id: String(capture.captured.length) }));
    });
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  };
  const capture: SmppCapture = {
    port: 0,
    captured: [],
    binds: 0,
    submitStatus: 0,
    url: ({ password = SMPP_PASSWORD, source } = {}) => `smpp://${SMPP_SYSTEM_ID}:${password}@127.0.0.1:${capture.port}${source ? `?source=${source}` : ""}`,
    start: (onPort = capture.port) => {
      server = smpp.createServer(onSession);
      return new Promise((resolve, reject) => {
        server!.on("error", reject);
        server!.listen(onPort, "127.0.0.1", () => {
          capture.port = (server!.address() as AddressInfo).port;
          resolve(capture.port);
        });
      });
    },
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        for (const session of [...server.sessions]) session.destroy();
        server.close(() => resolve());
        server = null;
      }),
    waitFor: async (to, { since = 0, timeoutMs = 30_000, matching } = {}) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const sms = capture.captured.slice(since).find((s) => s.to === to && (!matching || matching.test(s.text)));
        if (sms) return sms;
        if (Date.now() > deadline) throw new Error(`no SMS to ${to} within ${timeoutMs} ms (${capture.captured.length} captured)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  await capture.start(0);
  return capture;
}
