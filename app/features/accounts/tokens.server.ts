import crypto from "node:crypto";

/** 32 random bytes, base64url: what goes into a cookie or an emailed link. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** What the database keeps instead of a token. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
