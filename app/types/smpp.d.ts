/**
 * The part of the npm `smpp` package (node-smpp, no published types) the platform and its tests
 * use: a client session, a server, PDUs, the encodings and the command_status names.
 */
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  import type { Server as NetServer, Socket } from "node:net";

  /** A request or response; its parameters (system_id, destination_addr, short_message…) are its own properties. */
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [param: string]: unknown;
    isResponse(): boolean;
    /** The response to this request (status 0 unless `command_status` is given). */
    response(options?: Record<string, unknown>): PDU;
  }

  type Send = (options?: Record<string, unknown>, onResponse?: (pdu: PDU) => void) => boolean;

  export interface Session extends EventEmitter {
    socket: Socket;
    /** False when the socket is no longer writable. */
    send(pdu: PDU, onResponse?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transmitter: Send;
    submit_sm: Send;
    unbind: Send;
    enquire_link: Send;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export interface Encoding {
    match(text: string): boolean;
    encode(text: string): Buffer;
    decode(bytes: Buffer): string;
  }

  const smpp: {
    connect(options: { host: string; port: number }): Session;
    createServer(onSession: (session: Session) => void): Server;
    /** ASCII is GSM 03.38 (unpacked), the SMSC default alphabet; UCS2 is UTF-16BE. */
    encodings: { ASCII: Encoding; LATIN1: Encoding; UCS2: Encoding };
    /** command_status names: ESME_ROK, ESME_RBINDFAIL, ESME_RTHROTTLED… */
    errors: Record<string, number>;
  };
  export default smpp;
}
