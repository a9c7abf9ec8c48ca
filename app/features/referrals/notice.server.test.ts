import { describe, expect, it } from "vitest";
import { adviserNoticeMail, type NoticeInput } from "./notice.server";

// Saturday 12 December 2026, 10:30 in Paris; the appointment was at 10:00.
const NOW = Date.parse("2026-12-14T08:00:00Z");
type Over = Partial<Omit<NoticeInput, "event">> & { event?: Partial<NoticeInput["event"]> };
const input = (over: Over = {}): NoticeInput => ({
  previousStatus: "booked",
  person: "Camille D.",
  place: { name: "EPN du Centre", timeZone: "Europe/Paris" },
  appointment: { start: new Date("2026-12-12T09:00:00Z"), end: new Date("2026-12-12T10:00:00Z") },
  link: "https://epn.exemple.fr/gestion/partenaires/p/orientations/r",
  adviserName: "Nadia Benali",
  toOrganisation: false,
  now: NOW,
  ...over,
  event: { kind: "status", status: "came", at: new Date("2026-12-14T07:55:00Z"), detail: null, ...over.event },
});
const subject = (over: Over) => adviserNoticeMail(input(over))?.subject ?? null;

describe("the adviser's mail", () => {
  it("says what happened, with the appointment's day (not the day it was recorded)", () => {
    const mail = adviserNoticeMail(input())!;
    expect(mail.subject).toBe("Orientation de Camille D. vers EPN du Centre : venu(e) le samedi 12 décembre");
    expect(mail.text).toBe(
      [
        "Bonjour Nadia Benali,",
        "",
        "Orientation de Camille D. vers EPN du Centre : venu(e) le samedi 12 décembre.",
        "",
        "Pour voir l'orientation et son suivi :",
        "https://epn.exemple.fr/gestion/partenaires/p/orientations/r",
        "",
        "Vous recevez ce message parce que vous avez fait cette orientation sur Réseau EPN.",
        "",
        "Réseau EPN",
        "",
      ].join("\n"),
    );
    expect(subject({ event: { status: "no_show" } })).toBe("Orientation de Camille D. vers EPN du Centre : absent(e) au rendez-vous du samedi 12 décembre");
    expect(subject({ event: { status: "excused" } })).toBe("Orientation de Camille D. vers EPN du Centre : excusé(e) pour le rendez-vous du samedi 12 décembre");
    expect(subject({ event: { status: "helped" }, previousStatus: "came" })).toBe("Orientation de Camille D. vers EPN du Centre : accompagnement réalisé le samedi 12 décembre");
    // Without an appointment, the event's day.
    expect(subject({ event: { status: "helped" }, appointment: null })).toBe("Orientation de Camille D. vers EPN du Centre : accompagnement réalisé le lundi 14 décembre");
  });

  it("the place's answers: accepted, booked with the time, refused with its reason, closed; a cancelled booking or cleared attendance said as such", () => {
    expect(subject({ event: { status: "accepted" }, previousStatus: "sent" })).toBe("Orientation de Camille D. vers EPN du Centre : acceptée par le lieu, qui va contacter la personne");
    expect(subject({ event: { status: "accepted" }, previousStatus: "booked" })).toBe("Orientation de Camille D. vers EPN du Centre : rendez-vous annulé, le lieu va recontacter la personne");
    expect(subject({ event: { status: "booked" }, previousStatus: "accepted" })).toBe("Orientation de Camille D. vers EPN du Centre : rendez-vous le samedi 12 décembre à 10 h");
    expect(subject({ event: { status: "booked" }, previousStatus: "came" })).toBe("Orientation de Camille D. vers EPN du Centre : présence effacée, rendez-vous du samedi 12 décembre à 10 h");
    expect(subject({ event: { status: "booked" }, appointment: null })).toBe("Orientation de Camille D. vers EPN du Centre : rendez-vous pris");
    expect(subject({ event: { status: "closed" } })).toBe("Orientation de Camille D. vers EPN du Centre : orientation close");
    expect(adviserNoticeMail(input({ event: { status: "closed", detail: "La personne a trouvé de l'aide ailleurs" } }))!.text).toContain("Raison donnée : La personne a trouvé de l'aide ailleurs");
    const refused = adviserNoticeMail(input({ event: { status: "refused", detail: "Hors de notre secteur" }, previousStatus: "sent" }))!;
    expect(refused.subject).toBe("Orientation de Camille D. vers EPN du Centre : refusée par le lieu");
    expect(refused.text).toContain("Motif donné par le lieu : Hors de notre secteur\nVous pouvez orienter la personne vers un autre lieu.");
    const expired = adviserNoticeMail(input({ event: { status: "expired" }, previousStatus: "sent", appointment: null }))!;
    expect(expired.subject).toBe("Orientation de Camille D. vers EPN du Centre : orientation expirée, le lieu n'a pas répondu");
    expect(expired.text).toContain("Vous pouvez orienter la personne vers un autre lieu.");
  });

  it("a contact attempt, on its day, without its note; to the organisation's address, said so", () => {
    const mail = adviserNoticeMail(input({ event: { kind: "contact-attempt", status: "accepted", detail: "Messagerie, rappeler lundi" }, adviserName: "", toOrganisation: true }))!;
    expect(mail.subject).toBe("Orientation de Camille D. vers EPN du Centre : le lieu a essayé de joindre la personne le lundi 14 décembre");
    expect(mail.text).not.toContain("Messagerie");
    expect(mail.text).toMatch(/^Bonjour,\n/);
    expect(mail.text).toContain("à l'adresse de votre structure");
  });

  it("nothing for reminders, messages, or a referral just sent", () => {
    expect(adviserNoticeMail(input({ event: { kind: "reminder", status: "sent" } }))).toBeNull();
    expect(adviserNoticeMail(input({ event: { kind: "message", status: "accepted" } }))).toBeNull();
    expect(adviserNoticeMail(input({ event: { status: "sent" }, previousStatus: null }))).toBeNull();
  });
});
