/**
 * Password rules (pure): at least 12 characters, at most 256 (argon2 has no limit, but a
 * megabyte "password" is not a password), not only spaces. French messages.
 */
import { fr } from "~/lib/messages";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** The first problem with a new password, in French, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  // Characters as people count them (an emoji is one), not UTF-16 code units.
  const length = [...password].length;
  if (password.trim() === "") return fr.accounts.password.empty;
  if (length < PASSWORD_MIN_LENGTH) return fr.accounts.password.tooShort(PASSWORD_MIN_LENGTH, length);
  if (length > PASSWORD_MAX_LENGTH) return fr.accounts.password.tooLong(PASSWORD_MAX_LENGTH);
  return null;
}
