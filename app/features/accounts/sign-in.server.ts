/**
 * Sign-in with email and password: zod-checked form, rate limits (per address and per
 * client), argon2id verification that takes as long for an unknown address.
 * Nothing here logs the email, the password or the token.
 */
import crypto from "node:crypto";
import type { Db } from "~/db/client.server";
import { hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { createSession } from "./sessions.server";
import { getUserForSignIn, normaliseEmail } from "./users.server";
import { SIGN_IN_FIELDS, SignInSchema, type SignInErrors, type SignInValues } from "./sign-in";
import { fieldErrors } from "~/lib/forms";

/** 10 tries per address and 50 per client in 15 minutes; the window ends, so nobody is locked out for ever. */
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 10, windowSeconds: 15 * 60 },
  perClient: { limit: 50, windowSeconds: 15 * 60 },
};

export type SignInOutcome =
  | { kind: "signed-in"; token: string; expiresAt: Date }
  | { kind: "invalid"; errors: SignInErrors; values: SignInValues }
  | { kind: "wrong"; values: SignInValues }
  | { kind: "limited"; retryAfterSeconds: number; values: SignInValues };

function keyed(secret: string, kind: string, value: string): string {
  return `signin:${kind}:${crypto.createHmac("sha256", secret).update(value).digest("hex")}`;
}

export async function signIn(db: Db, options: { form: FormData; clientAddress: string; secret: string; now?: Date }): Promise<SignInOutcome> {
  const now = options.now ?? new Date();
  const rawEmail = options.form.get(SIGN_IN_FIELDS.email);
  const values: SignInValues = { email: typeof rawEmail === "string" ? rawEmail.trim().slice(0, 320) : "" };
  const parsed = SignInSchema.safeParse({ email: values.email, password: options.form.get(SIGN_IN_FIELDS.password) ?? "" });
  if (!parsed.success) return { kind: "invalid", errors: fieldErrors<"email" | "password">(parsed.error), values };

  const client = await hitRateLimit(db, { key: keyed(options.secret, "client", options.clientAddress), ...SIGN_IN_LIMITS.perClient, now });
  if (!client.allowed) return { kind: "limited", retryAfterSeconds: client.retryAfterSeconds, values };
  const email = normaliseEmail(parsed.data.email);
  const perEmail = await hitRateLimit(db, { key: keyed(options.secret, "email", email), ...SIGN_IN_LIMITS.perEmail, now });
  if (!perEmail.allowed) return { kind: "limited", retryAfterSeconds: perEmail.retryAfterSeconds, values };

  const user = await getUserForSignIn(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  if (!user || !user.passwordHash || !ok) return { kind: "wrong", values };
  const { token, session } = await createSession(db, user.id, now);
  return { kind: "signed-in", token, expiresAt: session.expiresAt };
}
