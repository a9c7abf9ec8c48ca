import { describe, expect, it } from "vitest";
import { errorCode } from "./error-code";

describe("errorCode", () => {
  it("keeps the SMTP answer's code, never its text (it may quote the address)", () => {
    expect(errorCode(Object.assign(new Error("550 refus pour camille@exemple.fr"), { responseCode: 550, code: "EENVELOPE" }))).toBe("SMTP 550");
  });

  it("keeps a Node or PostgreSQL code", () => {
    expect(errorCode(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:587"), { code: "ESOCKET" }))).toBe("ESOCKET");
    expect(errorCode(Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), { code: "23505" }))).toBe("23505");
  });

  it("without a code: the class and the first line, addresses masked, at most 100 characters", () => {
    expect(errorCode(new TypeError("payload invalide pour dominique@exemple.fr\nsuite avec détails"))).toBe("TypeError: payload invalide pour [adresse]");
    expect(errorCode(new Error("x".repeat(300)))).toHaveLength(100);
    expect(errorCode(new Error(""))).toBe("Error");
  });

  it("whatever was thrown", () => {
    expect(errorCode("texte")).toBe("Error");
    expect(errorCode(null)).toBe("Error");
    expect(errorCode(undefined)).toBe("Error");
  });
});
