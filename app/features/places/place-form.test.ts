import { describe, expect, it } from "vitest";
import { buildPlace } from "~/features/demo/factories.server";
import { validateStandardRow } from "~/features/standard/schema";
import { fr } from "~/lib/messages";
import { placeFormBody } from "../../../tests/support/place-form";
import { CHANGE_KEYS, checkPlaceForm, diffPlace, formToValues, pickChanges, placeToFormValues, searchTextOf, type CheckedPlace, type PlaceFormValues } from "./place-form";

const m = fr.backoffice.edit;
const TODAY = "2026-05-04";

/** The form of a place, changed by `edit` as a person would. */
function formOf(place: ReturnType<typeof buildPlace>, edit: (values: PlaceFormValues) => void = () => {}): PlaceFormValues {
  const values = placeToFormValues(place);
  edit(values);
  return values;
}
/** Sent by the browser and read back as the action reads it, then checked. */
const check = (values: PlaceFormValues) => checkPlaceForm(formToValues(placeFormBody(values)), validateStandardRow, "lieu-1", TODAY);
function changesOf(result: CheckedPlace) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.changes;
}
function errorsOf(result: CheckedPlace) {
  if (result.ok) throw new Error("accepted");
  return result.errors;
}

describe("placeToFormValues", () => {
  it("fills the form from the place: one value per line, empty text for what is not known", () => {
    const place = buildPlace({ name: "Espace numérique du Val", emails: ["accueil@exemple.fr", "mediation@exemple.fr"], phone: null, computers: 4, version: 3 });
    const values = placeToFormValues(place);
    expect(values.version).toBe("3");
    expect(values.text).toMatchObject({ nom: "Espace numérique du Val", code_postal: "18000", commune: "Bourges", code_insee: "18033", latitude: "47.081", telephone: "", source: "" });
    expect(values.lines).toEqual({ courriels: "accueil@exemple.fr\nmediation@exemple.fr", site_web: "" });
    expect(values.checks.services).toEqual(["Aide aux démarches administratives"]);
    expect(values.checks.typologie).toEqual([]);
    expect(values.equipment).toEqual({ computers: "4", laptops: "", tablets: "", printers: "", printers3d: "" });
    expect(values.timeZone).toBe("Europe/Paris");
  });

  it("shows the hours in the day-by-day editor when it can, as raw OpenStreetMap text otherwise", () => {
    const simple = placeToFormValues(buildPlace({ openingHours: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off" }));
    expect(simple.hoursMode).toBe("editor");
    expect(simple.hoursEditor.days.Mo).toEqual({ closed: false, ranges: [{ from: "09:00", to: "12:00" }, { from: "14:00", to: "17:00" }] });
    expect(simple.hoursEditor.days.Sa).toEqual({ closed: false, ranges: [{ from: "09:00", to: "12:00" }] });
    expect(simple.hoursEditor.days.Su).toEqual({ closed: true, ranges: [] });
    expect(simple.hoursEditor.holidaysClosed).toBe(true);

    // The first Sunday of the month: more than the editor can say.
    const detailed = placeToFormValues(buildPlace({ openingHours: "Mo-Fr 09:00-12:00; Su[1] 10:00-12:00" }));
    expect(detailed.hoursMode).toBe("raw");
    expect(detailed.hoursRaw).toBe("Mo-Fr 09:00-12:00; Su[1] 10:00-12:00");

    const none = placeToFormValues(buildPlace({ openingHours: null }));
    expect(none.hoursMode).toBe("editor");
    expect(none.hoursRaw).toBe("");
    expect(Object.values(none.hoursEditor.days).every((d) => !d.closed && d.ranges.length === 0)).toBe(true);
  });
});

describe("formToValues", () => {
  it("reads what was typed as it was typed, and what is missing as empty", () => {
    const values = formToValues(
      new URLSearchParams([["nom", "  Espace  "], ["services", "Aide aux démarches administratives"], ["services", "Loisirs et créations numériques"], ["fuseau", "Indian/Reunion"], ["horaires-mode", "raw"], ["horaires", "24/7"]]),
    );
    expect(values.text.nom).toBe("  Espace  ");
    expect(values.text.adresse).toBe("");
    expect(values.checks.services).toEqual(["Aide aux démarches administratives", "Loisirs et créations numériques"]);
    expect(values.checks.frais_a_charge).toEqual([]);
    expect(values).toMatchObject({ version: "", timeZone: "Indian/Reunion", hoursMode: "raw", hoursRaw: "24/7" });
    // Anything but "raw" is the editor.
    expect(formToValues(new URLSearchParams({ "horaires-mode": "autre" })).hoursMode).toBe("editor");
  });
});

describe("checkPlaceForm", () => {
  it("accepts a valid form and turns it into columns: trimmed, one value per line, numbers", () => {
    const changes = changesOf(
      check(
        formOf(buildPlace(), (v) => {
          v.text.nom = "  Médiathèque des Forges ";
          v.text.telephone = "+33248000000";
          v.text.latitude = "47,2221";
          v.lines.courriels = "accueil@exemple.fr\n\n  mediation@exemple.fr  \n";
          v.lines.site_web = "https://mediatheque.exemple.fr";
          v.equipment.computers = "12";
          v.equipment.tablets = "";
          v.checks.frais_a_charge = ["Gratuit", "Payant"];
          v.timeZone = "Indian/Reunion";
        }),
      ),
    );
    expect(changes).toMatchObject({
      name: "Médiathèque des Forges", phone: "+33248000000", latitude: 47.2221, emails: ["accueil@exemple.fr", "mediation@exemple.fr"],
      websites: ["https://mediatheque.exemple.fr"], computers: 12, tablets: null, fees: ["Gratuit", "Payant"], timeZone: "Indian/Reunion", summary: null,
    });
  });

  it("finds nothing changed in a form sent back as it was shown", () => {
    for (const place of [buildPlace(), buildPlace({ emails: ["a@exemple.fr"], computers: 0, openingHours: null }), buildPlace({ openingHours: "Mo-Fr 09:00-12:00; Su[1] 10:00-12:00" })]) {
      const changes = changesOf(check(formOf(place)));
      expect(diffPlace(pickChanges(place), changes)).toEqual({ before: {}, after: {} });
    }
  });

  const cases: [string, (v: PlaceFormValues) => void, Record<string, string>][] = [
    ["a required field left empty", (v) => (v.text.nom = "   "), { nom: "Ce champ est obligatoire." }],
    ["no address", (v) => (v.text.adresse = ""), { adresse: m.required }],
    ["a name too long", (v) => (v.text.nom = "x".repeat(201)), { nom: "Écrivez 200 caractères au plus." }],
    ["a postcode that is not 5 digits", (v) => (v.text.code_postal = "18 0"), { code_postal: "Indiquez un code postal de 5 chiffres, par exemple 18000." }],
    ["a latitude out of range", (v) => (v.text.latitude = "91"), { latitude: "Indiquez une latitude entre -90 et 90, par exemple 47.08." }],
    ["a longitude that is not a number", (v) => (v.text.longitude = "est"), { longitude: "Indiquez une longitude entre -180 et 180, par exemple 2.39." }],
    ["an address that is not an e-mail", (v) => (v.lines.courriels = "contact@exemple.fr\npas-un-courriel"), { courriels: "Une des adresses n'est pas une adresse électronique valide (par exemple contact@exemple.fr)." }],
    ["more than 10 addresses", (v) => (v.lines.courriels = Array.from({ length: 11 }, (_, i) => `a${i}@exemple.fr`).join("\n")), { courriels: "Indiquez 10 valeurs au plus." }],
    ["a website without https://", (v) => (v.lines.site_web = "www.exemple.fr"), { site_web: "Indiquez une adresse de site qui commence par https://" }],
    ["a link that is not a website", (v) => (v.text.fiche_acces_libre = "javascript:alert(1)"), { fiche_acces_libre: m.url }],
    ["a count that is not a whole number", (v) => (v.equipment.computers = "beaucoup"), { computers: "Indiquez un nombre entier, 0 ou plus." }],
    ["a count of more than 4 digits", (v) => (v.equipment.printers3d = "10000"), { printers3d: m.count }],
    ["a time zone not in the list", (v) => (v.timeZone = "Europe/Berlin"), { fuseau: "Choisissez un fuseau horaire dans la liste." }],
    ["a choice the list does not have", (v) => v.checks.services.push("Réparation de vélos"), { services: "Un des choix n'existe pas : rechargez la page." }],
    ["an unknown type of place", (v) => (v.checks.typologie = ["CASINO"]), { typologie: m.unknownChoice }],
    ["a phone number the standard refuses", (v) => (v.text.telephone = "12"), { telephone: "Le numéro de téléphone n'est pas au format international." }],
    ["an INSEE code the standard refuses", (v) => (v.text.code_insee = "ABCDE"), { code_insee: "Le code INSEE de la commune doit comporter 5 caractères (2A ou 2B pour la Corse)." }],
  ];
  it.each(cases)("refuses %s, with its French message on that field only", (_, edit, errors) => {
    expect(errorsOf(check(formOf(buildPlace(), edit)))).toEqual(errors);
  });

  it("reports every problem of the form at once, the editor's with the others", () => {
    const errors = errorsOf(
      check(
        formOf(buildPlace(), (v) => {
          v.text.nom = "";
          v.text.code_postal = "180";
          v.hoursEditor.days.Mo = { closed: false, ranges: [{ from: "12:00", to: "09:00" }] };
        }),
      ),
    );
    expect(errors).toEqual({ nom: m.required, code_postal: m.postcode, "Mo.1": "L'heure de fin doit être après l'heure de début." });
  });

  it("refuses raw hours that are not OpenStreetMap's, saying why", () => {
    const errors = errorsOf(check(formOf(buildPlace(), (v) => ((v.hoursMode = "raw"), (v.hoursRaw = "lundi 9h")))));
    expect(Object.keys(errors)).toEqual(["horaires"]);
    expect(errors.horaires).toMatch(/^Ces horaires ne sont pas au format OpenStreetMap\. Détail : .*"Mo" pour "lundi"/);
  });

  it("refuses the editor's wrong times and dates, each on its row", () => {
    const errors = errorsOf(
      check(
        formOf(buildPlace(), (v) => {
          v.hoursEditor.days.Mo = { closed: false, ranges: [{ from: "12:00", to: "09:00" }] };
          v.hoursEditor.days.Tu = { closed: false, ranges: [{ from: "09:00", to: "12:00" }, { from: "11:00", to: "17:00" }] };
          v.hoursEditor.days.We = { closed: false, ranges: [{ from: "25:00", to: "26:00" }] };
          v.hoursEditor.days.Th = { closed: false, ranges: [{ from: "09:00", to: "" }] };
          v.hoursEditor.closures = [{ from: "2026-02-30", to: "" }, { from: "2026-12-26", to: "2026-12-24" }, { from: "", to: "2026-12-31" }];
        }),
      ),
    );
    expect(errors).toEqual({
      "Mo.1": "L'heure de fin doit être après l'heure de début.",
      "Tu.2": "Le deuxième créneau doit commencer après la fin du premier.",
      "We.1": "Indiquez l'heure sous la forme 09:00.",
      "Th.1": "Indiquez l'heure de début et l'heure de fin.",
      "closure.1": "Indiquez une date valide, par exemple 24/12/2026.",
      "closure.2": "La date de fin doit être après la date de début.",
      "closure.3": "Indiquez au moins la date de début.",
    });
  });
});

describe("the hours editor, from the place to the form and back", () => {
  it.each([
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off; 2026 Dec 24-2026 Dec 26 off",
    "Mo,We,Fr 10:00-18:00",
    "Tu-Sa 09:30-12:30,13:30-18:00; 2026 Aug 15 off",
  ])("gives back %s as it was", (hours) => {
    const place = buildPlace({ openingHours: hours });
    expect(placeToFormValues(place).hoursMode).toBe("editor");
    const changes = changesOf(check(formOf(place)));
    expect(changes.openingHours).toBe(hours);
    expect(diffPlace(pickChanges(place), changes)).toEqual({ before: {}, after: {} });
  });

  it("writes the week the person set, and only the hours change", () => {
    const place = buildPlace({ openingHours: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off" });
    const changes = changesOf(
      check(
        formOf(place, (v) => {
          v.hoursEditor.days.Sa = { closed: true, ranges: [] };
          v.hoursEditor.days.We = { closed: false, ranges: [{ from: "9h", to: "12h30" }] };
          v.hoursEditor.closures = [{ from: "2026-08-15", to: "" }];
        }),
      ),
    );
    expect(changes.openingHours).toBe("Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00; We 09:00-12:30; PH off; 2026 Aug 15 off");
    expect(diffPlace(pickChanges(place), changes)).toEqual({
      before: { openingHours: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off" },
      after: { openingHours: "Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00; We 09:00-12:30; PH off; 2026 Aug 15 off" },
    });
  });

  it("means no hours when no day has any", () => {
    const changes = changesOf(check(formOf(buildPlace(), (v) => Object.values(v.hoursEditor.days).forEach((d) => (d.ranges = [])))));
    expect(changes.openingHours).toBeNull();
  });
});

describe("diffPlace and pickChanges", () => {
  it("picks the columns an edit may change, and only those", () => {
    const place = buildPlace({ name: "Cyber-base", computers: 3 });
    const picked = pickChanges(place);
    expect(Object.keys(picked).sort()).toEqual([...CHANGE_KEYS].sort());
    expect(picked).toMatchObject({ name: "Cyber-base", computers: 3, timeZone: "Europe/Paris" });
    expect(picked).not.toHaveProperty("version");
    expect(picked).not.toHaveProperty("status");
  });

  it("keeps the changed fields only, before and after", () => {
    const before = pickChanges(buildPlace({ name: "Cyber-base", emails: ["a@exemple.fr", "b@exemple.fr"], phone: null }));
    expect(diffPlace(before, { ...before })).toEqual({ before: {}, after: {} });
    expect(diffPlace(before, { ...before, name: "Cyber-base de la gare", phone: "+33248000000", emails: ["b@exemple.fr", "a@exemple.fr"] })).toEqual({
      before: { name: "Cyber-base", phone: null, emails: ["a@exemple.fr", "b@exemple.fr"] },
      after: { name: "Cyber-base de la gare", phone: "+33248000000", emails: ["b@exemple.fr", "a@exemple.fr"] },
    });
    // A value missing and a null value are the same "nothing".
    expect(diffPlace(before, { ...before, summary: undefined as unknown as null })).toEqual({ before: {}, after: {} });
  });
});

describe("searchTextOf", () => {
  it("folds the name and commune for accent- and case-insensitive search", () => {
    expect(searchTextOf({ name: "Médiathèque L'Œuvre", commune: "Saint-Étienne-de-Tinée" })).toBe("mediatheque l oeuvre saint etienne de tinee");
    expect(buildPlace({ name: "Espace Numérique" }).searchText).toBe("espace numerique bourges");
  });
});
