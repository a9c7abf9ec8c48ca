/**
 * The real request handler (React Router server build compiled in memory by Vite) and
 * signed-in people for back-office integration tests: GET and POST (urlencoded or
 * multipart) as a given person, with the session's anti-CSRF token.
 */
import { RouterContextProvider } from "react-router";
import type { Database } from "~/db/client.server";
import { csrfTokenFor, sessionCookieName } from "~/features/accounts/auth.server";
import { createSession } from "~/features/accounts/sessions.server";
import { addMembership, createUser } from "~/features/accounts/users.server";
import type { Membership } from "~/features/policy/policy";
import { appContext } from "~/context";
import { parseEnv } from "~/lib/env";
import { compileRequestHandler } from "./request-handler";

export const ORIGIN = "http://localhost:3000";

export type Harness = {
  env: ReturnType<typeof parseEnv>;
  /** Sign a new person in with these roles; returns their user id. */
  person: (who: string, memberships: Membership[]) => Promise<string>;
  get: (who: string, url: string) => Promise<Response>;
  post: (who: string, url: string, body: URLSearchParams | FormData, options?: { csrf?: string | null; headers?: Record<string, string> }) => Promise<Response>;
  close: () => Promise<void>;
};

export async function startHarness(database: Database): Promise<Harness> {
  const env = { ...parseEnv({ BASE_URL: ORIGIN }), sessionSecret: "h".repeat(40) };
  const people = new Map<string, { cookie: string; csrf: string }>();
  const { handler, close } = await compileRequestHandler();
  const send = async (who: string, url: string, init: { method: string; body?: URLSearchParams | FormData; headers?: Record<string, string> }) => {
    const person = people.get(who);
    const headers = new Headers(init.headers);
    let body: URLSearchParams | ArrayBuffer | undefined = init.body instanceof FormData ? undefined : init.body;
    if (init.body instanceof FormData) {
      // As a browser sends a file upload: multipart with its length.
      const encoded = new Response(init.body);
      body = await encoded.arrayBuffer();
      headers.set("content-type", encoded.headers.get("content-type")!);
      headers.set("content-length", String(body.byteLength));
    }
    if (person) headers.set("cookie", `${sessionCookieName(env)}=${person.cookie}`);
    const context = new RouterContextProvider();
    context.set(appContext, { database, env, clientAddress: "192.0.2.60" });
    return handler(new Request(`${ORIGIN}${url}`, { method: init.method, headers, body, redirect: "manual" }), context);
  };
  return {
    env,
    async person(who, memberships) {
      const userId = await createUser(database.db, { email: `${who.toLowerCase()}@exemple.fr`, name: `Personne ${who}` });
      for (const m of memberships) await addMembership(database.db, userId, m);
      const { token, session } = await createSession(database.db, userId);
      people.set(who, { cookie: token, csrf: csrfTokenFor(env.sessionSecret, session.id) });
      return userId;
    },
    get: (who, url) => send(who, url, { method: "GET" }),
    post(who, url, body, options = {}) {
      const csrf = options.csrf === undefined ? (people.get(who)?.csrf ?? "") : options.csrf;
      if (csrf !== null) body.set("csrf", csrf);
      const headers: Record<string, string> = { origin: ORIGIN, "sec-fetch-site": "same-origin", ...options.headers };
      if (body instanceof URLSearchParams) headers["content-type"] = "application/x-www-form-urlencoded";
      return send(who, url, { method: "POST", body, headers });
    },
    close,
  };
}

/** Page text with React's entities decoded (apostrophes, quotes). */
export async function html(response: Response): Promise<string> {
  return (await response.text()).replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
