import { describe, expect, it } from "vitest";
import { passwordProblem, PASSWORD_MIN_LENGTH } from "./password";
import { hashPassword, verifyPassword } from "./password.server";

describe("passwordProblem", () => {
  it("asks for at least 12 characters, counted as people count them", () => {
    expect(passwordProblem("")).toBe("Saisissez un mot de passe.");
    expect(passwordProblem("            ")).toBe("Saisissez un mot de passe.");
    expect(passwordProblem("court")).toBe(`Le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères (il en fait 5).`);
    expect(passwordProblem("é".repeat(11))).toContain("il en fait 11");
    expect(passwordProblem("🙂".repeat(12))).toBeNull();
    expect(passwordProblem("une phrase de passe")).toBeNull();
    expect(passwordProblem("x".repeat(257))).toBe("Le mot de passe doit faire au plus 256 caractères.");
  });
});

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id (salted) and verifies only the right password", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse battery")).toBe(true);
    expect(await verifyPassword(first, "correct horse batterY")).toBe(false);
    expect(await verifyPassword("pas un hash", "correct horse battery")).toBe(false);
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const stored = await hashPassword("mot de passe café"); // é as one code point
    expect(await verifyPassword(stored, "mot de passe cafe\u0301")).toBe(true);
  });
});
