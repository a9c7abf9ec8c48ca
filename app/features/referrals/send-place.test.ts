import { describe, expect, it } from "vitest";
import { encodeSmsText, smsParts } from "~/features/sms/outbox.server";
import { maskEmail, maskPhone, placeMail, type PlaceDetails } from "./send-place";
import { placeSms } from "./send-place.server";

const place: PlaceDetails = {
  name: "Médiathèque de la Forêt",
  address: "12 rue de l'Île",
  addressComplement: "Bâtiment B",
  postcode: "45100",
  commune: "Orléans",
  hours: "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h",
  phone: "02 38 00 00 00",
  url: "https://epn.example/lieux/mediatheque-de-la-foret-orleans",
};

describe("the SMS of a place", () => {
  it("says who advises it, the name, the address, the hours, the phone and the link, one a line, in the GSM alphabet", () => {
    const text = placeSms(place, "France Travail — agence d'Orléans Nord");
    expect(text).toBe(
      [
        "France Travail - agence d'Orléans Nord vous conseille ce lieu :",
        "Médiathèque de la Foret",
        "12 rue de l'Ile, 45100 Orléans",
        "Horaires : du lundi au vendredi : 9 h - 12 h et 14 h - 17 h ; samedi : 9 h - 12 h",
        "Tél. 02 38 00 00 00",
        "https://epn.example/lieux/mediatheque-de-la-foret-orleans",
      ].join("\n"),
    );
    expect(encodeSmsText(text).data_coding).toBe(0);
    expect(smsParts(text)).toBeLessThanOrEqual(3);
  });

  it("leaves the hours to the link, then the adviser's organisation, when the text would take more than three SMS", () => {
    const long = { ...place, hours: Array.from({ length: 7 }, (_, i) => `jour ${i} : 9 h – 10 h et 11 h – 12 h et 13 h – 14 h et 15 h – 16 h`).join(" ; ") };
    const text = placeSms(long, "France Travail");
    expect(text).toContain("Horaires : voir le lien");
    expect(text).toContain("France Travail vous conseille");
    expect(smsParts(text)).toBeLessThanOrEqual(3);
    const longer = { ...long, name: "Espace public numérique ".repeat(12).trim(), address: "Centre social et culturel ".repeat(6).trim() };
    const shortest = placeSms(longer, "Centre communal d'action sociale de la ville ".repeat(3));
    expect(shortest).not.toContain("vous conseille");
    expect(smsParts(shortest)).toBeLessThanOrEqual(3);
  });

  it("says the phone only when the place has one", () => {
    expect(placeSms({ ...place, phone: null }, "CCAS")).not.toContain("Tél.");
  });
});

describe("the mail of a place", () => {
  it("has the same details with the address's complement, and why the person receives it", () => {
    const mail = placeMail(place, "CCAS d'Orléans");
    expect(mail.subject).toBe("Médiathèque de la Forêt : adresse et horaires");
    expect(mail.text).toContain("CCAS d'Orléans vous envoie les coordonnées de ce lieu");
    expect(mail.text).toContain("12 rue de l'Île\nBâtiment B\n45100 Orléans");
    expect(mail.text).toContain("Horaires : du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h");
    expect(mail.text).toContain("Téléphone : 02 38 00 00 00");
    expect(mail.text).toContain("Toutes les informations sur le lieu : https://epn.example/lieux/mediatheque-de-la-foret-orleans");
  });
});

describe("where it went, masked", () => {
  it("shows the first two and last two digits of a number, and the first letter and the domain of an address", () => {
    expect(maskPhone("+33612345678")).toBe("06 •• •• •• 78");
    expect(maskPhone("+590690123456")).toBe("06 •• •• •• 56");
    expect(maskPhone("+32470123456")).toBe("+32•••••••56");
    expect(maskEmail("mehdi.benali@exemple.fr")).toBe("m•••@exemple.fr");
    expect(maskEmail("x@exemple.fr")).toBe("x•••@exemple.fr");
  });
});
