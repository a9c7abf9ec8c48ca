import { describe, expect, it } from "vitest";
import { agendaUrl, parseAgendaQuery } from "./agenda-query";
import { workshopThemeLabel as themeLabel } from "./themes";
import { priceWords, seatsWords, sessionWhen } from "./agenda.server";

const today = "2026-01-05";
const parse = (text: string) => parseAgendaQuery(new URLSearchParams(text), today);

describe("parseAgendaQuery", () => {
  it("fills the defaults: today and the next 30 days, 20 km, page 1", () => {
    const { query, errors } = parse("");
    expect(errors).toEqual({});
    expect(query).toEqual({ commune: undefined, distanceKm: 20, theme: undefined, level: undefined, kind: undefined, from: "2026-01-05", to: "2026-02-04", free: false, seatsLeft: false, network: undefined, page: 1 });
  });

  it("reads every filter, French words to stored values", () => {
    const { query, errors } = parse("commune=Vierzon&distance=50&theme=Email&niveau=debutant&type=permanence&du=2026-01-10&au=2026-03-01&gratuit=1&places=1&reseau=web-o-centre&page=3");
    expect(errors).toEqual({});
    expect(query).toEqual({ commune: "Vierzon", distanceKm: 50, theme: "Email", level: "beginner", kind: "dropin", from: "2026-01-10", to: "2026-03-01", free: true, seatsLeft: true, network: "web-o-centre", page: 3 });
  });

  it("takes empty fields (an empty form) as absent", () => {
    const { query, errors } = parse("commune=&distance=&theme=&niveau=&type=&du=&au=&reseau=");
    expect(errors).toEqual({});
    expect(query.commune).toBeUndefined();
    expect(query.from).toBe(today);
  });

  it("gives each bad value its French message and its default, and keeps the others", () => {
    const { query, errors } = parse("distance=7&theme=Cuisine&niveau=expert&type=concert&du=2026-02-30&au=demain&gratuit=oui&page=0&reseau=Pas%20un%20slug&places=1");
    expect(errors).toEqual({
      distance: "Choisissez une distance dans la liste : 5, 10, 20, 50 ou 100 km.",
      theme: "Ce thème n'existe pas. Choisissez-en un dans la liste.",
      niveau: "Ce niveau n'existe pas. Choisissez débutant, intermédiaire ou avancé.",
      type: "Ce type n'existe pas. Choisissez atelier, permanence, événement ou passage du bus numérique.",
      du: "La date de début n'est pas valable. Écrivez-la comme ceci : 2026-01-06.",
      au: "La date de fin n'est pas valable. Écrivez-la comme ceci : 2026-01-31.",
      gratuit: "Cette case vaut 1 ou rien.",
      page: "Ce numéro de page n'est pas valable : voici la première page.",
      reseau: "Ce réseau n'existe pas.",
    });
    expect(query).toMatchObject({ distanceKm: 20, theme: undefined, level: undefined, kind: undefined, from: today, to: "2026-02-04", free: false, page: 1, seatsLeft: true });
  });

  it("starts no earlier than today; an end before the start or more than a year away is said and corrected", () => {
    expect(parse("du=2025-12-01&au=2026-01-10").query).toMatchObject({ from: today, to: "2026-01-10" });
    const reversed = parse("du=2026-03-01&au=2026-02-01");
    expect(reversed.errors.dates).toMatch(/avant la date de début/);
    expect(reversed.query).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    const long = parse("du=2026-01-10&au=2028-01-10");
    expect(long.errors.dates).toMatch(/au plus un an/);
    expect(long.query).toMatchObject({ from: "2026-01-10", to: "2027-01-10" });
    expect(parse("du=2026-01-10&au=2027-01-10").errors).toEqual({});
  });
});

describe("agendaUrl", () => {
  it("writes only what differs from the defaults, in a stable order, and round-trips", () => {
    expect(agendaUrl("/agenda", parse("").query, today)).toBe("/agenda");
    const text = "commune=Vierzon&distance=50&theme=Email&niveau=debutant&type=permanence&du=2026-01-10&au=2026-03-01&gratuit=1&places=1&reseau=web-o-centre&page=3";
    const url = agendaUrl("/agenda", parse(text).query, today);
    expect(url).toBe(`/agenda?${text}`);
    expect(agendaUrl("/agenda", parse(text).query, today, { page: 1 })).not.toContain("page=");
    // The distance is said only around a commune, and not when it is the default.
    expect(agendaUrl("/agenda", parse("distance=50").query, today)).toBe("/agenda");
    expect(agendaUrl("/agenda", parse("commune=Vierzon&distance=20").query, today)).toBe("/agenda?commune=Vierzon");
  });
});

describe("words", () => {
  it("names themes, seats and prices", () => {
    expect(themeLabel("Email")).toBe("E-mail");
    expect(themeLabel("Nope")).toBeUndefined();
    expect(themeLabel(null)).toBeUndefined();
    expect(seatsWords("session", 8, 5)).toBe("3 places restantes");
    expect(seatsWords("cycle", 8, 7)).toBe("1 place restante");
    expect(seatsWords("session", 8, 8)).toBe("Complet — liste d'attente");
    expect(seatsWords("none", 8, 8)).toBe("Sans inscription");
    expect(seatsWords("session", null, 40)).toBe("Places illimitées");
    expect(priceWords(null)).toBe("Gratuit");
    expect(priceWords(0)).toBe("Gratuit");
    expect(priceWords(500)).toBe("5 €");
    expect(priceWords(250)).toBe("2,50 €");
  });
});

describe("sessionWhen", () => {
  const now = new Date("2026-01-05T10:00:00Z");
  it("says the day and the times on the place's clock", () => {
    // Tuesday 6 January 2026, 14:00–16:00 in Paris (UTC+1).
    expect(sessionWhen(new Date("2026-01-06T13:00:00Z"), new Date("2026-01-06T15:00:00Z"), "Europe/Paris", now)).toBe("mardi 6 janvier, de 14 h à 16 h");
    // The same instants in Guadeloupe (UTC−4) and Réunion (UTC+4).
    expect(sessionWhen(new Date("2026-01-06T13:00:00Z"), new Date("2026-01-06T15:00:00Z"), "America/Guadeloupe", now)).toBe("mardi 6 janvier, de 9 h à 11 h");
    expect(sessionWhen(new Date("2026-01-06T19:30:00Z"), new Date("2026-01-06T20:00:00Z"), "Indian/Reunion", now)).toBe("mardi 6 janvier, de 23 h 30 à minuit");
  });

  it("follows daylight saving time, and writes another year", () => {
    // Sunday 29 March 2026: 10:00–12:00 in Paris is UTC+2 after the change at 2:00.
    expect(sessionWhen(new Date("2026-03-29T08:00:00Z"), new Date("2026-03-29T10:00:00Z"), "Europe/Paris", now)).toBe("dimanche 29 mars, de 10 h à 12 h");
    // Across the change: 1:00 (UTC+1) to 4:00 (UTC+2) is two hours.
    expect(sessionWhen(new Date("2026-03-29T00:00:00Z"), new Date("2026-03-29T02:00:00Z"), "Europe/Paris", now)).toBe("dimanche 29 mars, de 1 h à 4 h");
    expect(sessionWhen(new Date("2027-01-05T13:00:00Z"), new Date("2027-01-05T15:00:00Z"), "Europe/Paris", now)).toBe("mardi 5 janvier 2027, de 14 h à 16 h");
  });

  it("says both days of a session over midnight", () => {
    expect(sessionWhen(new Date("2026-01-06T19:00:00Z"), new Date("2026-01-07T01:00:00Z"), "Europe/Paris", now)).toBe("du mardi 6 janvier à 20 h au mercredi 7 janvier à 2 h");
  });
});
