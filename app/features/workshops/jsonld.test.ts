import { describe, expect, it } from "vitest";
import { jsonLdScript, sessionJsonLd, type JsonLdSession } from "./jsonld";

const base: JsonLdSession = {
  title: "Créer son adresse e-mail",
  description: "Choisir un fournisseur, un mot de passe.",
  startsAt: new Date("2026-01-06T13:00:00Z"),
  endsAt: new Date("2026-01-06T15:00:00Z"),
  timeZone: "Europe/Paris",
  cancelled: false,
  online: false,
  url: "https://epn.example/ateliers/7f0c",
  location: { name: "Espace numérique", address: "1 rue de la Paix", postcode: "18100", commune: "Vierzon", latitude: 47.22, longitude: 2.07 },
  organizer: { name: "Espace numérique", url: "https://epn.example/lieux/espace-numerique-vierzon" },
  priceCents: null,
  seatsLeft: 3,
};

describe("sessionJsonLd", () => {
  it("describes a free session at a place, with the place's offset", () => {
    expect(sessionJsonLd(base)).toEqual({
      "@context": "https://schema.org",
      "@type": "Event",
      name: "Créer son adresse e-mail",
      description: "Choisir un fournisseur, un mot de passe.",
      startDate: "2026-01-06T14:00:00+01:00",
      endDate: "2026-01-06T16:00:00+01:00",
      eventStatus: "https://schema.org/EventScheduled",
      eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
      location: {
        "@type": "Place",
        name: "Espace numérique",
        address: { "@type": "PostalAddress", streetAddress: "1 rue de la Paix", postalCode: "18100", addressLocality: "Vierzon", addressCountry: "FR" },
        geo: { "@type": "GeoCoordinates", latitude: 47.22, longitude: 2.07 },
      },
      organizer: { "@type": "Organization", name: "Espace numérique", url: "https://epn.example/lieux/espace-numerique-vierzon" },
      url: "https://epn.example/ateliers/7f0c",
      isAccessibleForFree: true,
      offers: { "@type": "Offer", price: "0", priceCurrency: "EUR", availability: "https://schema.org/InStock", url: "https://epn.example/ateliers/7f0c" },
    });
  });

  it("says cancelled, sold out, paying; summer and overseas offsets", () => {
    const ld = sessionJsonLd({ ...base, cancelled: true, seatsLeft: 0, priceCents: 250, startsAt: new Date("2026-07-07T12:00:00Z"), endsAt: new Date("2026-07-07T14:00:00Z") });
    expect(ld).toMatchObject({
      eventStatus: "https://schema.org/EventCancelled",
      startDate: "2026-07-07T14:00:00+02:00",
      isAccessibleForFree: false,
      offers: { price: "2.50", availability: "https://schema.org/SoldOut" },
    });
    expect(sessionJsonLd({ ...base, timeZone: "America/Cayenne" }).startDate).toBe("2026-01-06T10:00:00-03:00");
  });

  it("gives an online session a virtual location, and a place without coordinates no geo", () => {
    expect(sessionJsonLd({ ...base, online: true })).toMatchObject({
      eventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
      location: { "@type": "VirtualLocation", url: "https://epn.example/ateliers/7f0c" },
    });
    const noGeo = sessionJsonLd({ ...base, location: { ...base.location!, latitude: null, longitude: null } });
    expect((noGeo.location as Record<string, unknown>).geo).toBeUndefined();
  });

  it("writes a script text that cannot close its script", () => {
    expect(jsonLdScript(sessionJsonLd({ ...base, title: "</script><script>alert(1)</script>" }))).not.toContain("</script>");
  });
});
