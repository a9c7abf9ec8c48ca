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
});
