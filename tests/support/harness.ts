/**
 * The one way integration tests talk to the application: its real request handler (the
 * React Router server build compiled in memory by Vite, no `npm run build`), called with
 * Request objects, and signed-in people made with the factories. GET and POST (urlencoded
 * or multipart) as a given person with their session's anti-CSRF token, or `send` for a
 * request exactly as written (forged posts, a cookie jar of one's own, another origin).
 * The built server as a process is tests/support/server.ts (CLI and end-to-end tests).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { createServer } from "vite";
import type { Database } from "~/db/client.server";
import { csrfTokenFor, sessionCookieName } from "~/features/accounts/auth.server";
import { createSession } from "~/features/accounts/sessions.server";
import { hashToken } from "~/features/accounts/tokens.server";
import { createStaffUser, type StaffUserOptions } from "~/features/demo/factories.server";
import { appContext } from "~/context";
import { parseEnv, type Env } from "~/lib/env";

export const ORIGIN = "http://localhost:3000";

type Body = URLSearchParams | FormData;
export type SendOptions = {
  method?: string;
  /** A form, or a text sent as written with the content type of `headers` (JSON for the API). */
  body?: Body | string;
  headers?: Record<string, string>;
  /** The configuration for this request only (default: the harness's). */
  env?: Env;
  /** The client address the application sees (rate limits count per address). */
  clientAddress?: string;
};
export type PostOptions = Omit<SendOptions, "method" | "body"> & {
  /** The anti-CSRF token sent: the person's own by default, another string, or none (null). */
  csrf?: string | null;
};

export type Harness = {
  env: Env;
  /** Sign a new staff person in (a factory account named "Personne <who>"), known as `who`; returns their user id. */
  person: (who: string, options?: StaffUserOptions) => Promise<string>;
  /** Open a new session for an existing account, known as `who` from now on. */
  signIn: (who: string, userId: string) => Promise<void>;
  /** Use a session the application opened (the token of its cookie), known as `who` from now on. */
  useSession: (who: string, token: string) => void;
  /** The anti-CSRF token of `who`'s current session. */
  csrf: (who: string) => string;
  /** A request as written, with only `who`'s session cookie added (null: nobody signed in). */
  send: (who: string | null, url: string, options?: SendOptions) => Promise<Response>;
  get: (who: string | null, url: string, options?: Omit<SendOptions, "method" | "body">) => Promise<Response>;
  /** A form sent from one of our pages: same origin, the person's anti-CSRF token. */
  post: (who: string | null, url: string, body: Body, options?: PostOptions) => Promise<Response>;
  close: () => Promise<void>;
};

const TYPES_DIR = path.resolve(import.meta.dirname, "../../.react-router/types");
const START_LOCK = path.join(os.tmpdir(), `reseau-epn-vite-start-${Buffer.from(TYPES_DIR).toString("base64url").slice(-24)}.lock`);

/**
 * A Vite dev server and the server build it compiles. Each dev server's React Router plugin
 * deletes .react-router/types and writes it again as it starts: two test workers starting one
 * at the same moment made one fail on a file the other had just deleted (ENOENT). Starts are
 * taken one at a time across processes (an exclusive lock file), until this server's types
 * are written.
 */
async function startViteServer() {
  for (let waited = 0; ; waited += 50) {
    try {
      fs.writeFileSync(START_LOCK, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (waited > 60_000) fs.rmSync(START_LOCK, { force: true }); // left by a killed worker
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const lockedAt = Date.now();
  try {
    const vite = await createServer({ configFile: "vite.config.ts", server: { middlewareMode: true, hmr: false, watch: null }, appType: "custom", logLevel: "silent" });
    const build = (await vite.ssrLoadModule("virtual:react-router/server-build")) as ServerBuild;
    const written = path.join(TYPES_DIR, "+server-build.d.ts");
    for (let i = 0; i < 600 && !(fs.existsSync(written) && fs.statSync(written).mtimeMs >= lockedAt); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return { vite, build };
  } finally {
    fs.rmSync(START_LOCK, { force: true });
  }
}

/** The application's handler for `database`, with the test configuration (or `options.env`). */
export async function startHarness(database: Database, options: { env?: Env } = {}): Promise<Harness> {
  const env = options.env ?? { ...parseEnv({ BASE_URL: ORIGIN }), sessionSecret: "h".repeat(40) };
  const people = new Map<string, { cookie: string; csrf: string }>();
  const { vite, build } = await startViteServer();
  const handler = createRequestHandler(build, "production");

  const send: Harness["send"] = async (who, url, init = {}) => {
    const headers = new Headers(init.headers);
    let body: URLSearchParams | ArrayBuffer | string | undefined = init.body instanceof FormData ? undefined : init.body;
    if (init.body instanceof FormData) {
      // As a browser sends a file upload: multipart with its length.
      const encoded = new Response(init.body);
      body = await encoded.arrayBuffer();
      headers.set("content-type", encoded.headers.get("content-type")!);
      headers.set("content-length", String(body.byteLength));
    } else if (body instanceof URLSearchParams) {
      headers.set("content-type", "application/x-www-form-urlencoded");
    }
    if (who !== null) {
      const person = people.get(who);
      if (!person) throw new Error(`nobody called ${who} is signed in`);
      headers.set("cookie", `${sessionCookieName(env)}=${person.cookie}`);
    }
    const context = new RouterContextProvider();
    context.set(appContext, { database, env: init.env ?? env, clientAddress: init.clientAddress ?? "192.0.2.60" });
    const method = init.method ?? (init.body ? "POST" : "GET");
    return handler(new Request(new URL(url, ORIGIN), { method, headers, body, redirect: "manual" }), context);
  };

  // A session's id is the hash of its cookie's token; the anti-CSRF token derives from the id.
  const useSession: Harness["useSession"] = (who, token) => people.set(who, { cookie: token, csrf: csrfTokenFor(env.sessionSecret, hashToken(token)) });
  const signIn: Harness["signIn"] = async (who, userId) => useSession(who, (await createSession(database.db, userId)).token);

  return {
    env,
    async person(who, options = {}) {
      const { id } = await createStaffUser(database.db, { name: `Personne ${who}`, ...options });
      await signIn(who, id);
      return id;
    },
    signIn,
    useSession,
    csrf(who) {
      const person = people.get(who);
      if (!person) throw new Error(`nobody called ${who} is signed in`);
      return person.csrf;
    },
    send,
    get: (who, url, options = {}) => send(who, url, { ...options, method: "GET" }),
    post(who, url, body, options = {}) {
      const { csrf = who === null ? null : people.get(who)?.csrf, ...rest } = options;
      if (csrf !== null && csrf !== undefined) body.set("csrf", csrf);
      return send(who, url, { ...rest, method: "POST", body, headers: { origin: ORIGIN, "sec-fetch-site": "same-origin", ...options.headers } });
    },
    close: () => vite.close(),
  };
}

/** Page text with React's entities decoded (apostrophes, quotes). */
export async function html(response: Response): Promise<string> {
  return decodeEntities(await response.text());
}

export function decodeEntities(text: string): string {
  return text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
