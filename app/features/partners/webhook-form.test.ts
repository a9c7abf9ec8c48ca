import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { ApiKeySchema, checkWebhookUrl, localWebhooksAllowed, webhookSchema } from "./webhook-form";

const e = fr.partners.webhookErrors;
const production = { allowLocal: false };
const local = { allowLocal: true };

describe("which webhook addresses are accepted", () => {
  it("takes a public https address, without its fragment", () => {
    expect(checkWebhookUrl("https://api.francetravail.example/orientations?agence=45", production)).toEqual({ ok: true, url: "https://api.francetravail.example/orientations?agence=45" });
    expect(checkWebhookUrl("https://hooks.exemple.fr/x#ancre", production)).toEqual({ ok: true, url: "https://hooks.exemple.fr/x" });
  });

  it("refuses http, other schemes, credentials and what is not an address", () => {
    expect(checkWebhookUrl("http://api.exemple.fr/h", production)).toEqual({ ok: false, error: e.https });
    expect(checkWebhookUrl("ftp://api.exemple.fr/h", production)).toEqual({ ok: false, error: e.url });
    expect(checkWebhookUrl("javascript:alert(1)", production)).toEqual({ ok: false, error: e.url });
    expect(checkWebhookUrl("api.exemple.fr/h", production)).toEqual({ ok: false, error: e.url });
    expect(checkWebhookUrl("https://moi:secret@api.exemple.fr/h", production)).toEqual({ ok: false, error: e.credentials });
    expect(checkWebhookUrl(`https://api.exemple.fr/${"x".repeat(2000)}`, production)).toEqual({ ok: false, error: e.long });
  });

  it("refuses internal machines in production, however the address is written", () => {
    for (const url of [
      "https://localhost/h", "https://app.localhost/h", "https://127.0.0.1/h", "https://2130706433/h", "https://0x7f.1/h", "https://10.1.2.3/h", "https://172.20.0.5/h",
      "https://192.168.1.10/h", "https://169.254.169.254/latest", "https://100.64.0.1/h", "https://0.0.0.0/h", "https://[::1]/h", "https://[fd00::1]/h",
      "https://[fe80::1]/h", "https://[::ffff:127.0.0.1]/h", "https://intranet/h", "https://serveur.local/h", "https://api.internal/h",
    ]) {
      expect(checkWebhookUrl(url, production), url).toEqual({ ok: false, error: e.internal });
    }
    expect(checkWebhookUrl("https://172.32.0.1/h", production).ok).toBe(true);
    expect(checkWebhookUrl("https://[2a01:e0a:1::1]/h", production).ok).toBe(true);
  });

  it("takes http to the machine itself, only where the platform runs locally", () => {
    expect(checkWebhookUrl("http://127.0.0.1:4567/recepteur", local)).toEqual({ ok: true, url: "http://127.0.0.1:4567/recepteur" });
    expect(checkWebhookUrl("http://localhost:4567/r", local).ok).toBe(true);
    expect(checkWebhookUrl("http://[::1]:4567/r", local).ok).toBe(true);
    expect(checkWebhookUrl("https://localhost:4567/r", local).ok).toBe(true);
    expect(checkWebhookUrl("http://api.exemple.fr/h", local)).toEqual({ ok: false, error: e.https });
    expect(checkWebhookUrl("http://192.168.1.10/h", local)).toEqual({ ok: false, error: e.https });
  });

  it("knows a local platform by NODE_ENV or by its own address", () => {
    expect(localWebhooksAllowed({ NODE_ENV: "test", baseUrl: "https://epn.exemple.fr" })).toBe(true);
    expect(localWebhooksAllowed({ NODE_ENV: "development", baseUrl: "https://epn.exemple.fr" })).toBe(true);
    expect(localWebhooksAllowed({ NODE_ENV: "production", baseUrl: "http://localhost:3000" })).toBe(true);
    expect(localWebhooksAllowed({ NODE_ENV: "production", baseUrl: "http://127.0.0.1:41234" })).toBe(true);
    expect(localWebhooksAllowed({ NODE_ENV: "production", baseUrl: "https://epn.exemple.fr" })).toBe(false);
  });
});

describe("the webhook form", () => {
  it("gives the address and the personal-data choice, which needs an address", () => {
    expect(parseForm(webhookSchema(production), { url: " https://api.exemple.fr/h ", donnees_personnelles: "oui" })).toEqual({ ok: true, values: { url: "https://api.exemple.fr/h", personalData: true } });
    expect(parseForm(webhookSchema(production), { url: "https://api.exemple.fr/h" })).toEqual({ ok: true, values: { url: "https://api.exemple.fr/h", personalData: false } });
    expect(parseForm(webhookSchema(production), { url: "", donnees_personnelles: "oui" })).toEqual({ ok: true, values: { url: null, personalData: false } });
    expect(parseForm(webhookSchema(production), { url: "http://api.exemple.fr/h" })).toEqual({ ok: false, errors: { url: e.https } });
  });
});

describe("an API key's label", () => {
  it("is required, at most 80 characters", () => {
    const k = fr.partners.keyErrors;
    expect(parseForm(ApiKeySchema, { libelle: "  Logiciel   de l'agence " })).toEqual({ ok: true, values: { label: "Logiciel de l'agence" } });
    expect(parseForm(ApiKeySchema, { libelle: "" })).toEqual({ ok: false, errors: { libelle: k.labelEmpty } });
    expect(parseForm(ApiKeySchema, { libelle: "x".repeat(81) })).toEqual({ ok: false, errors: { libelle: k.labelLong } });
  });
});
