import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("configuration from the environment", () => {
  it("has defaults that run the platform on the embedded database", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", baseUrl: "http://localhost:3000" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toMatch(/data$/);
  });

  it("treats empty values as unset and keeps a given BASE_URL without trailing slash", () => {
    const env = parseEnv({ DATABASE_URL: "", BASE_URL: "https://epn.example.fr/" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.baseUrl).toBe("https://epn.example.fr");
  });

  it("refuses bad values with a French and English message naming each variable", () => {
    expect(() => parseEnv({ PORT: "soixante", DATABASE_URL: "mysql://x" })).toThrow(EnvError);
    try {
      parseEnv({ PORT: "70000", DATABASE_URL: "mysql://x", BASE_URL: "pas une url" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("Configuration invalide / invalid configuration");
      expect(message).toContain("le port (PORT) doit être un nombre entre 1 et 65535");
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("BASE_URL");
    }
  });

  it("takes an SMPP gateway as smpp://system_id:password@host:port, and refuses anything else in both languages", () => {
    expect(parseEnv({}).SMS_URL).toBeUndefined();
    expect(parseEnv({ SMS_URL: "smpp://reseau:s3cret@smpp.operateur.fr:2775" }).SMS_URL).toBe("smpp://reseau:s3cret@smpp.operateur.fr:2775");
    expect(parseEnv({ SMS_URL: "smpp://reseau:s3cret@127.0.0.1:2775?source=ReseauEPN" }).SMS_URL).toBe("smpp://reseau:s3cret@127.0.0.1:2775?source=ReseauEPN");
    for (const bad of ["http://smpp.operateur.fr", "smpp://smpp.operateur.fr:2775", "smpp://:secret@smpp.operateur.fr", "smpp://reseau:secret@"]) {
      expect(() => parseEnv({ SMS_URL: bad }), bad).toThrow(/la passerelle SMS \(SMS_URL\) doit s'écrire smpp:\/\/identifiant:mot-de-passe@hôte:port \(SMS_URL: must be smpp:\/\/system_id:password@host:port\)/);
    }
  });
});
