/**
 * Password hashing with argon2id (@node-rs/argon2, prebuilt native binary). Its defaults
 * are OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane. The PHC string
 * carries its parameters, so raising them later still verifies older hashes.
 */
import { hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id` (a const enum, which this project's module syntax cannot import). */
const ARGON2ID = 2;

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false; // a malformed hash never signs anyone in
  }
}

/**
 * A hash of nothing anyone knows: verified when the email is unknown, so that an unknown
 * address takes as long to refuse as a wrong password (no account discovery by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}
