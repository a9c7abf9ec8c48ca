import { describe, expect, it } from "vitest";
import { directionLinks, displayPhone, placeHours, placeStructuredData, type PlaceForPage } from "./place-page.server";

const place: PlaceForPage = {
  id: "0b7a6c1e-0000-4000-8000-000000000000",
  slug: "mediatheque-du-veron-avoine",
  name: "Médiathèque <du> Véron",
  commune: "AVOINE",
  postcode: "37420",
  address: "8 Avenue de la République",
  addressComplement: null,
  latitude: 47.2092,
  longitude: 0.183174,
  coordinatesFrom: "source",
  phone: "+33247981919",
  emails: ["bibliotheques@example.fr"],
  websites: [],
  openingHours: "Mo,Th 15:00-18:00; Tu,Fr,Sa 10:00-12:30,15:00-18:00; We 10:00-19:00; PH off",
  hoursText: null,
  timeZone: "Europe/Paris",
  summary: null,
  description: null,
  itinerance: [],
  services: [],
  publics: [],
  specificSupport: ["Handicaps moteurs"],
  fees: ["Gratuit"],
  nationalPrograms: [],
  trainingLabels: [],
  accessModes: [],
  supportModes: [],
  accesLibreUrl: null,
  bookingUrl: null,
  updatedOn: "2024-04-02",
  dataSource: null,
  computers: null,
  laptops: null,
  tablets: null,
  printers: null,
  printers3d: null,
  labels: [],
};

describe("displayPhone", () => {
  it("writes numbers the French way", () => {
    expect(displayPhone("+33248242226")).toBe("02 48 24 22 26");
    expect(displayPhone("+596596780040")).toBe("0596 78 00 40");
    expect(displayPhone("+262262123456")).toBe("0262 12 34 56");
    expect(displayPhone("+687271234")).toBe("27 12 34");
    expect(displayPhone("+68940123456")).toBe("40 12 34 56");
    expect(displayPhone("+4930123456")).toBe("+4930123456");
  });
});

describe("directionLinks", () => {
  it("gives a geo: URI and OpenStreetMap directions to the place", () => {
    expect(directionLinks(47.2092, 0.183174)).toEqual({
      geo: "geo:47.2092,0.183174",
      openStreetMap: "https://www.openstreetmap.org/directions?to=47.2092%2C0.183174",
    });
  });
});

describe("placeHours and placeStructuredData", () => {
  // Monday 21 December 2026, 11:00 in Paris: Christmas is on Friday.
  const now = new Date("2026-12-21T10:00:00Z");

  it("builds the week with today first and Christmas closed", () => {
    const hours = placeHours(place, now);
    expect(hours.kind).toBe("week");
    if (hours.kind !== "week") return;
    expect(hours.week[0]).toMatchObject({ date: "2026-12-21", dayName: "lundi", isToday: true, ranges: ["15 h – 18 h"] });
    expect(hours.week[4]).toMatchObject({ date: "2026-12-25", ranges: [], closedReason: "Jour férié : Noël" });
    expect(hours.status.label).toBe("Fermé, ouvre aujourd'hui à 15 h");
  });

  it("falls back to the producer's text when the hours cannot be trusted", () => {
    expect(placeHours({ ...place, openingHours: null, hoursText: "Le mardi matin" }, now)).toEqual({ kind: "check", text: "Le mardi matin" });
    expect(placeHours({ ...place, openingHours: null, hoursText: null }, now)).toEqual({ kind: "check", text: null });
  });

  it("describes the place for schema.org with its regular week and the coming closures", () => {
    const hours = placeHours(place, now);
    const data = placeStructuredData(place, { url: "https://epn.example.fr/lieux/x", week: hours.kind === "week" ? hours.week : [] });
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "LocalBusiness",
      name: "Médiathèque <du> Véron",
      url: "https://epn.example.fr/lieux/x",
      telephone: "+33247981919",
      isAccessibleForFree: true,
      address: { "@type": "PostalAddress", streetAddress: "8 Avenue de la République", postalCode: "37420", addressLocality: "AVOINE", addressCountry: "FR" },
      geo: { "@type": "GeoCoordinates", latitude: 47.2092, longitude: 0.183174 },
      specialOpeningHoursSpecification: [{ validFrom: "2026-12-25", validThrough: "2026-12-25", opens: "00:00", closes: "00:00" }],
    });
    const spec = data.openingHoursSpecification as { dayOfWeek: string; opens: string; closes: string }[];
    expect(spec).toContainEqual({ "@type": "OpeningHoursSpecification", dayOfWeek: "https://schema.org/Wednesday", opens: "10:00", closes: "19:00" });
    expect(spec.filter((s) => s.dayOfWeek.endsWith("Tuesday")).map((s) => `${s.opens}-${s.closes}`)).toEqual(["10:00-12:30", "15:00-18:00"]);
    expect(spec.some((s) => s.dayOfWeek.endsWith("Sunday"))).toBe(false);
  });

  it("gives no hours to schema.org when they are not trusted", () => {
    const data = placeStructuredData({ ...place, openingHours: "du lundi au vendredi" }, { url: "u", week: [] });
    expect(data.openingHoursSpecification).toBeUndefined();
  });
});
