import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, webhookHeaders, webhookPayload, type WebhookSource } from "./webhooks";

const SECRET = "q3Vb0m6Xr2m1gG0JkY4b8k9z-P_1fK2c3D4e5F6g7H8";
const NOW = Date.parse("2026-12-12T10:15:00Z");
const BODY = JSON.stringify({ id: "e1", type: "orientation.statut", orientation: { statut: "venue" } });

/** A receiver's check with a Standard Webhooks library: its secret "whsec_<base64 key>", the key base64-decoded. */
function standardSignature(whsecSecret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(whsecSecret.replace(/^whsec_/, ""), "base64");
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

describe("the signature", () => {
  it("is Standard Webhooks' (its published example), with our secret's bytes as the key: whsec_ + base64(secret) gives the same", () => {
    // The specification's example, through the helper above: the helper is the standard.
    expect(standardSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
    const whsec = `whsec_${Buffer.from(SECRET, "utf8").toString("base64")}`;
    expect(signWebhook(SECRET, { id: "e1", timestamp: 1_797_070_500, body: BODY })).toBe(standardSignature(whsec, "e1", 1_797_070_500, BODY));
  });

  it("round trip: the headers of an attempt verify, with a string body or its bytes, with Headers or Node's header object", () => {
    const headers = webhookHeaders(SECRET, { id: "e1", body: BODY, now: NOW });
    expect(headers["webhook-id"]).toBe("e1");
    expect(headers["webhook-timestamp"]).toBe(String(NOW / 1000));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyWebhook(SECRET, headers, BODY, NOW)).toEqual({ ok: true, id: "e1", timestamp: NOW / 1000 });
    expect(verifyWebhook(SECRET, new Headers(headers), Buffer.from(BODY, "utf8"), NOW).ok).toBe(true);
    const nodeHeaders = { "webhook-id": "e1", "webhook-timestamp": headers["webhook-timestamp"], "webhook-signature": [headers["webhook-signature"]], host: "127.0.0.1" };
    expect(verifyWebhook(SECRET, nodeHeaders, BODY, NOW).ok).toBe(true);
    // Header names in any case.
    expect(verifyWebhook(SECRET, { "Webhook-Id": "e1", "Webhook-Timestamp": headers["webhook-timestamp"], "Webhook-Signature": headers["webhook-signature"] }, BODY, NOW).ok).toBe(true);
  });

  it("signs the exact bytes: accents in the body count as UTF-8", () => {
    const body = JSON.stringify({ lieu: { nom: "Médiathèque Saint-Éloi" } });
    const headers = webhookHeaders(SECRET, { id: "e2", body, now: NOW });
    expect(verifyWebhook(SECRET, headers, Buffer.from(body, "utf8"), NOW).ok).toBe(true);
    expect(verifyWebhook(SECRET, headers, Buffer.from(body, "latin1"), NOW)).toEqual({ ok: false, reason: "signature-invalid" });
  });

  it("refuses a tampered body, id or timestamp, another secret, and missing headers", () => {
    const headers = webhookHeaders(SECRET, { id: "e1", body: BODY, now: NOW });
    expect(verifyWebhook(SECRET, headers, BODY.replace("venue", "absente"), NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(verifyWebhook(SECRET, { ...headers, "webhook-id": "e9" }, BODY, NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(verifyWebhook(SECRET, { ...headers, "webhook-timestamp": String(NOW / 1000 + 1) }, BODY, NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(verifyWebhook(`${SECRET}x`, headers, BODY, NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(verifyWebhook(SECRET, { ...headers, "webhook-signature": "v1," }, BODY, NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(verifyWebhook(SECRET, { ...headers, "webhook-signature": headers["webhook-signature"].slice(0, 20) }, BODY, NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    // Another version's signature is not ours.
    expect(verifyWebhook(SECRET, { ...headers, "webhook-signature": headers["webhook-signature"].replace("v1,", "v2,") }, BODY, NOW)).toEqual({ ok: false, reason: "signature-invalid" });
    expect(verifyWebhook(SECRET, { "webhook-id": "e1", "webhook-timestamp": headers["webhook-timestamp"] }, BODY, NOW)).toEqual({ ok: false, reason: "headers-missing" });
    expect(verifyWebhook(SECRET, { ...headers, "webhook-timestamp": "demain" }, BODY, NOW)).toEqual({ ok: false, reason: "timestamp-invalid" });
  });

  it("accepts one matching signature among several (a secret being changed)", () => {
    const headers = webhookHeaders(SECRET, { id: "e1", body: BODY, now: NOW });
    const other = signWebhook("ancien-secret", { id: "e1", timestamp: NOW / 1000, body: BODY });
    expect(verifyWebhook(SECRET, { ...headers, "webhook-signature": `${other} ${headers["webhook-signature"]}` }, BODY, NOW).ok).toBe(true);
  });

  it("tolerance: 5 minutes either side by default, to the second; a replayed old request is refused", () => {
    const headers = webhookHeaders(SECRET, { id: "e1", body: BODY, now: NOW });
    expect(verifyWebhook(SECRET, headers, BODY, NOW + 300_000).ok).toBe(true);
    expect(verifyWebhook(SECRET, headers, BODY, NOW + 300_999).ok).toBe(true);
    expect(verifyWebhook(SECRET, headers, BODY, NOW + 301_000)).toEqual({ ok: false, reason: "timestamp-too-old" });
    expect(verifyWebhook(SECRET, headers, BODY, NOW - 300_000).ok).toBe(true);
    expect(verifyWebhook(SECRET, headers, BODY, NOW - 301_000)).toEqual({ ok: false, reason: "timestamp-too-new" });
    expect(verifyWebhook(SECRET, headers, BODY, NOW + 3_600_000, 7200).ok).toBe(true);
    expect(verifyWebhook(SECRET, headers, BODY, NOW + 61_000, 60)).toEqual({ ok: false, reason: "timestamp-too-old" });
  });
});

describe("the payload", () => {
  const source = (over: Partial<WebhookSource> = {}): WebhookSource => ({
    event: { id: "0b7c-e", kind: "status", status: "came", at: new Date("2026-12-12T09:30:00Z"), detail: null },
    referral: { id: "0b7c-r", partnerReference: "FT-2026-0042", firstName: "Camille", lastName: "Durand", phone: "+33612345678", email: "camille@exemple.fr" },
    place: { id: "0b7c-p", name: "EPN du Centre", slug: "epn-du-centre", timeZone: "Europe/Paris" },
    appointment: { start: new Date("2026-12-12T09:00:00Z"), end: new Date("2026-12-12T10:00:00Z") },
    personalData: false,
    ...over,
  });

  it("without personal data: ids, the status after the event, the place, the appointment on the place's clock — and no name anywhere", () => {
    const payload = webhookPayload(source());
    expect(payload).toEqual({
      id: "0b7c-e",
      type: "orientation.statut",
      cree_le: "2026-12-12T10:30:00+01:00",
      orientation: {
        id: "0b7c-r",
        reference_partenaire: "FT-2026-0042",
        statut: "venue",
        lieu: { id: "0b7c-p", nom: "EPN du Centre", slug: "epn-du-centre" },
        rendez_vous: { debut: "2026-12-12T10:00:00+01:00", fin: "2026-12-12T11:00:00+01:00" },
      },
    });
    const text = JSON.stringify(payload);
    for (const personal of ["Camille", "Durand", "+33612345678", "camille@exemple.fr"]) expect(text).not.toContain(personal);
  });

  it("a refusal's reason only with personal data; the person's names and contact only with it, and never once erased", () => {
    const refused = { event: { id: "e", kind: "status" as const, status: "refused" as const, at: new Date("2026-07-01T08:00:00Z"), detail: "Madame Durand habite hors de notre commune" }, appointment: null };
    const without = webhookPayload(source(refused))!;
    expect(without.orientation).toEqual({ id: "0b7c-r", reference_partenaire: "FT-2026-0042", statut: "refusee", lieu: { id: "0b7c-p", nom: "EPN du Centre", slug: "epn-du-centre" } });
    expect(without.cree_le).toBe("2026-07-01T10:00:00+02:00");
    expect(JSON.stringify(without)).not.toContain("Durand");
    const withData = webhookPayload(source({ ...refused, personalData: true }))!;
    expect(withData.orientation.motif_refus).toBe("Madame Durand habite hors de notre commune");
    expect(withData.personne).toEqual({ prenom: "Camille", nom: "Durand", telephone: "+33612345678", courriel: "camille@exemple.fr" });
    const erased = webhookPayload(source({ personalData: true, referral: { id: "0b7c-r", partnerReference: null, firstName: null, lastName: null, phone: null, email: null } }))!;
    expect(erased.personne).toBeUndefined();
    expect(erased.orientation.reference_partenaire).toBeNull();
  });

  it("types: a contact attempt, a reminder; a message is not sent", () => {
    expect(webhookPayload(source({ event: { id: "e", kind: "contact-attempt", status: "accepted", at: new Date(NOW), detail: "Messagerie, rappeler lundi" }, personalData: true }))).toMatchObject({
      type: "orientation.tentative_contact",
      orientation: { statut: "acceptee" },
    });
    // A contact attempt's note is never sent.
    expect(JSON.stringify(webhookPayload(source({ event: { id: "e", kind: "contact-attempt", status: "accepted", at: new Date(NOW), detail: "Messagerie, rappeler lundi" }, personalData: true })))).not.toContain("Messagerie");
    expect(webhookPayload(source({ event: { id: "e", kind: "reminder", status: "sent", at: new Date(NOW), detail: null } }))).toMatchObject({ type: "orientation.relance", orientation: { statut: "envoyee" } });
    expect(webhookPayload(source({ event: { id: "e", kind: "message", status: "sent", at: new Date(NOW), detail: null } }))).toBeNull();
  });
});
