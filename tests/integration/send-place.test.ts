/**
 * « Envoyer les coordonnées d'un lieu » (app/features/referrals/send-place*.ts) through the real
 * request handler, on PGlite or PostgreSQL (TEST_DATABASE_URL): the SMS and the mail queued with
 * the place's details, the masked confirmation, the audit line without the person, bad input
 * refused in French with nothing queued, a place outside the partner's network (or not published)
 * 404, another organisation's adviser 403, and the limit per adviser.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { auditLog, emailOutbox, smsOutbox } from "~/db/schema";
import { attachToNetwork, createNetwork, createPartner, createPlace, createStaffUser } from "~/features/demo/factories.server";
import { hitRateLimit } from "~/features/rate-limit/rate-limit.server";
import { placeToSend, SEND_PLACE_LIMIT, sendPlaceToPerson } from "~/features/referrals/send-place.server";
import { smsParts } from "~/features/sms/outbox.server";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const ids = { partner: "", network: "", place: "", adviser: "" };
const partnerName = "France Travail — agence d'Orléans Nord";
// No « PH off »: a public holiday this week changes nothing, the text is the same whenever the test runs.
const HOURS = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00";

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  h = await startHarness(database);
  const network = await createNetwork(db, { slug: "reseau-envoi" });
  const other = await createNetwork(db, { slug: "reseau-ailleurs" });
  ids.network = network.id;
  const partner = await createPartner(db, { networkId: network.id, name: partnerName });
  ids.partner = partner.id;
  const place = await createPlace(db, { slug: "epn-source", name: "EPN de la Source", address: "12 rue de l'Île", postcode: "45100", commune: "Orléans", phone: "+33238000000", openingHours: HOURS });
  ids.place = place.id;
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  const elsewhere = await createPlace(db, { slug: "epn-ailleurs", name: "EPN d'ailleurs" });
  await attachToNetwork(db, { placeId: elsewhere.id, networkId: other.id });
  const hidden = await createPlace(db, { slug: "epn-brouillon", name: "EPN en brouillon", status: "draft" });
  await attachToNetwork(db, { placeId: hidden.id, networkId: network.id });
  ids.adviser = await h.person("adviser", { role: "partner", partnerId: partner.id, networkId: network.id });
  const otherPartner = await createPartner(db, { networkId: network.id, name: "CCAS d'Orléans" });
  await h.person("otherAdviser", { role: "partner", partnerId: otherPartner.id, networkId: network.id });
  await h.person("mediator", { role: "mediator", placeId: place.id });
});

afterAll(async () => {
  await h?.close();
  await database?.close();
});

const url = (slug = "epn-source", partner = ids.partner) => `/gestion/partenaires/${partner}/envoyer/${slug}`;
const send = (fields: Record<string, string>, who = "adviser", slug?: string) => h.post(who, url(slug), new URLSearchParams(fields));
const counts = async () => {
  const [row] = await queryRows(
    database.db,
    sql`select (select count(*) from sms_outbox)::int as sms, (select count(*) from email_outbox)::int as mails, (select count(*) from audit_log where action = 'place.sent-to-person')::int as audit`,
  );
  return { sms: Number(row!.sms), mails: Number(row!.mails), audit: Number(row!.audit) };
};

describe("sending a place's details", () => {
  it("shows the adviser the SMS the person will receive", async () => {
    const response = await h.get("adviser", url());
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Envoyer les coordonnées de EPN de la Source");
    expect(page).toContain("France Travail - agence d'Orléans Nord vous conseille ce lieu :");
    expect(page).toContain("Horaires : du lundi au vendredi : 9 h - 12 h et 14 h - 17 h ; samedi : 9 h - 12 h");
  });

  it("queues the SMS with the place's name, address, hours, phone and link, and confirms with the number masked", async () => {
    const before = await counts();
    const response = await send({ canal: "sms", telephone: "07 11 22 33 44" });
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Coordonnées envoyées par SMS au 07 •• •• •• 44.");
    expect(page).not.toContain("07 11 22 33 44");
    expect(page).not.toContain("+33711223344");
    const [sms] = await database.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, "+33711223344"));
    expect(sms!.body).toBe(
      [
        "France Travail - agence d'Orléans Nord vous conseille ce lieu :",
        "EPN de la Source",
        "12 rue de l'Ile, 45100 Orléans",
        "Horaires : du lundi au vendredi : 9 h - 12 h et 14 h - 17 h ; samedi : 9 h - 12 h",
        "Tél. 02 38 00 00 00",
        `${h.env.baseUrl}/lieux/epn-source`,
      ].join("\n"),
    );
    expect(smsParts(sms!.body)).toBeLessThanOrEqual(3);
    expect(await counts()).toEqual({ ...before, sms: before.sms + 1, audit: before.audit + 1 });
    // The audit line: which place, by which channel, by whom — never to whom.
    const [line] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "place.sent-to-person"), eq(auditLog.actorUserId, ids.adviser)));
    expect(line).toMatchObject({ entityType: "place", entityId: ids.place, placeId: ids.place, after: { partner: partnerName, channel: "sms" } });
    expect(JSON.stringify(line)).not.toMatch(/711223344|07 11/);
  });

  it("queues the mail with the same details, and confirms with the address masked", async () => {
    const before = await counts();
    const response = await send({ canal: "email", courriel: "Mehdi.Benali@Exemple.fr" });
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Coordonnées envoyées par courriel à m•••@exemple.fr.");
    expect(page).not.toContain("Mehdi.Benali");
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "mehdi.benali@exemple.fr"));
    expect(mail!.subject).toBe("EPN de la Source : adresse et horaires");
    expect(mail!.textBody).toContain(`${partnerName} vous envoie les coordonnées de ce lieu`);
    expect(mail!.textBody).toContain("EPN de la Source\n12 rue de l'Île\n45100 Orléans");
    expect(mail!.textBody).toContain("Horaires : du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h");
    expect(mail!.textBody).toContain("Téléphone : 02 38 00 00 00");
    expect(mail!.textBody).toContain(`${h.env.baseUrl}/lieux/epn-source`);
    expect(await counts()).toEqual({ ...before, mails: before.mails + 1, audit: before.audit + 1 });
  });

  it("refuses a bad number, a landline, a missing or bad address, in French, and queues nothing", async () => {
    const before = await counts();
    const refused = async (fields: Record<string, string>, words: string) => {
      const response = await send(fields);
      expect(response.status).toBe(400);
      const page = await html(response);
      expect(page).toContain(words);
      return page;
    };
    const page = await refused({ canal: "sms", telephone: "06 12 34" }, "Ce numéro de téléphone n'est pas valide. Exemple : 06 12 34 56 78.");
    expect(page).toContain('value="06 12 34"'); // what was typed stays, to be corrected
    await refused({ canal: "sms", telephone: "02 38 00 00 00" }, "Ce numéro est un fixe : il ne reçoit pas de SMS.");
    await refused({ canal: "sms", telephone: "", courriel: "" }, "Écrivez le numéro de portable ou l'adresse mail de la personne.");
    await refused({ canal: "sms", courriel: "mehdi@exemple.fr" }, "Pour un SMS, écrivez le numéro de portable de la personne.");
    await refused({ canal: "email", courriel: "mehdi@" }, "Cette adresse mail n'est pas valide.");
    await refused({ canal: "fax", telephone: "06 12 34 56 78" }, "Choisissez l'envoi : par SMS ou par courriel.");
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for a place outside the partner's network or not published, 403 to another organisation's adviser and the place's staff", async () => {
    const before = await counts();
    for (const slug of ["epn-ailleurs", "epn-brouillon", "nulle-part"]) {
      expect((await h.get("adviser", url(slug))).status).toBe(404);
      expect((await send({ canal: "sms", telephone: "06 12 34 56 78" }, "adviser", slug)).status).toBe(404);
    }
    expect((await h.get("adviser", url("epn-source", "00000000-0000-4000-8000-000000000000"))).status).toBe(404);
    expect((await h.get("adviser", url("epn-source", "pas-un-id"))).status).toBe(404);
    for (const who of ["otherAdviser", "mediator"]) {
      expect((await h.get(who, url())).status).toBe(403);
      expect((await send({ canal: "sms", telephone: "06 12 34 56 78" }, who)).status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("the limit per adviser", () => {
  it("refuses the 31st send of an hour, queuing nothing, and lets the next hour's through", async () => {
    const { db } = database;
    const adviser = await createStaffUser(db, { role: "partner", partnerId: ids.partner, networkId: ids.network });
    const place = (await placeToSend(db, { networkId: ids.network, slug: "epn-source", baseUrl: "https://epn.example", now: new Date() }))!;
    const partner = { id: ids.partner, name: partnerName };
    const now = new Date("2026-11-24T10:00:00Z");
    for (let i = 0; i < SEND_PLACE_LIMIT.limit; i++) {
      const result = await sendPlaceToPerson(db, { partner, adviserId: adviser.id, place, to: { channel: "email", to: `personne-${i}@exemple.fr` }, now });
      expect(result.kind).toBe("sent");
    }
    const before = await counts();
    const refused = await sendPlaceToPerson(db, { partner, adviserId: adviser.id, place, to: { channel: "email", to: "une-de-trop@exemple.fr" }, now: new Date("2026-11-24T10:40:00Z") });
    expect(refused).toEqual({ kind: "limited", retryAfterSeconds: 20 * 60 });
    expect(await counts()).toEqual(before);
    const later = await sendPlaceToPerson(db, { partner, adviserId: adviser.id, place, to: { channel: "email", to: "une-de-trop@exemple.fr" }, now: new Date("2026-11-24T11:00:00Z") });
    expect(later.kind).toBe("sent");
  });

  it("says so in French on the page, with Retry-After", async () => {
    // The adviser's counter, already full for this hour (far from its end: the window is fixed).
    const toWindowEnd = 3_600_000 - (Date.now() % 3_600_000);
    if (toWindowEnd < 10_000) await new Promise((resolve) => setTimeout(resolve, toWindowEnd + 100));
    for (let i = 0; i < SEND_PLACE_LIMIT.limit; i++) await hitRateLimit(database.db, { key: `send-place:adviser:${ids.adviser}`, ...SEND_PLACE_LIMIT });
    const before = await counts();
    const response = await send({ canal: "sms", telephone: "07 98 76 54 32" });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await html(response)).toContain("Vous avez envoyé beaucoup de coordonnées en peu de temps. Réessayez dans");
    expect(await counts()).toEqual(before);
  });
});
