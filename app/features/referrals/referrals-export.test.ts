import { describe, expect, it } from "vitest";
import { firstAnswerHours, REFERRAL_EXPORT_COLUMNS, referralExportRow, wallClockDate, type ExportReferral } from "./referrals-export";

const referral: ExportReferral = {
  createdAt: new Date("2026-11-24T09:15:00Z"),
  adviserName: "Claire Conseillère",
  firstName: "Mehdi",
  lastName: "Benali",
  phone: "+33612345678",
  email: "mehdi@exemple.fr",
  themes: ["InsertionProfessionnelle", "Email"],
  placeName: "EPN de la Source",
  timeZone: "Europe/Paris",
  status: "came",
  statusAt: new Date("2026-11-27T13:00:00Z"),
  appointmentAt: new Date("2026-11-27T13:00:00Z"),
  firstAnsweredAt: new Date("2026-11-25T11:45:00Z"),
  partnerReference: "DOS-4512",
  erased: false,
};

describe("the follow-up's rows", () => {
  it("writes one cell per column: the person, the needs and the status in words, dates on the place's clock, the delay in hours", () => {
    const row = referralExportRow(referral);
    expect(row).toHaveLength(REFERRAL_EXPORT_COLUMNS.length);
    expect(REFERRAL_EXPORT_COLUMNS.map((c) => c.header)).toEqual([
      "Envoyée le", "Conseiller", "Prénom", "Nom", "Téléphone", "Adresse mail", "Besoins", "Lieu", "Où en est-elle ?", "Depuis le", "Rendez-vous",
      "Délai de première réponse (heures)", "Votre référence",
    ]);
    expect(row).toEqual([
      new Date("2026-11-24T10:15:00Z"), "Claire Conseillère", "Mehdi", "Benali", "06 12 34 56 78", "mehdi@exemple.fr", "Insertion professionnelle, E-mail",
      "EPN de la Source", "Venue", new Date("2026-11-27T14:00:00Z"), new Date("2026-11-27T14:00:00Z"), 26.5, "DOS-4512",
    ]);
  });

  it("keeps an erased person's dates and statuses only; a referral not answered has no delay", () => {
    const erased = { ...referral, firstName: null, lastName: null, phone: null, email: null, partnerReference: null, erased: true, status: "expired" as const, firstAnsweredAt: null, appointmentAt: null };
    const row = referralExportRow(erased);
    expect(row.slice(2, 6)).toEqual(["(coordonnées effacées)", null, null, null]);
    expect(row[8]).toBe("Expirée sans réponse");
    expect(row[10]).toBeNull();
    expect(row[11]).toBeNull();
  });

  it("reads the clock of the place's zone, summer and winter, overseas", () => {
    expect(wallClockDate(new Date("2026-07-01T08:00:00Z"), "Europe/Paris")).toEqual(new Date("2026-07-01T10:00:00Z"));
    expect(wallClockDate(new Date("2026-07-01T08:00:00Z"), "America/Martinique")).toEqual(new Date("2026-07-01T04:00:00Z"));
    expect(wallClockDate(new Date("2026-07-01T20:00:00Z"), "Pacific/Noumea")).toEqual(new Date("2026-07-02T07:00:00Z"));
    expect(firstAnswerHours(new Date("2026-11-24T09:00:00Z"), new Date("2026-11-24T09:20:00Z"))).toBe(0.3);
  });
});
