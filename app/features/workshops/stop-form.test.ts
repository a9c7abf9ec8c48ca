import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { isInFrance, StopSchema, stopToFormValues } from "./stop-form";

const m = fr.stops.errors;
const form = (fields: Record<string, string> = {}) => ({ nom: "Place du marché", adresse: "Place du Marché", code_postal: "16230", commune: "Mansle", latitude: "", longitude: "", ...fields });

describe("the stop form", () => {
  it("gives the stop's values, trimmed, without coordinates or with both (comma or point)", () => {
    expect(parseForm(StopSchema, form({ nom: "  Place du marché ", code_postal: "16 230" }))).toEqual({
      ok: true,
      values: { label: "Place du marché", address: "Place du Marché", postcode: "16230", commune: "Mansle", latitude: null, longitude: null },
    });
    const parsed = parseForm(StopSchema, form({ latitude: "45,8762", longitude: "0.1797" }));
    expect(parsed.ok && parsed.values).toMatchObject({ latitude: 45.8762, longitude: 0.1797 });
  });

  it("says what is wrong next to each field", () => {
    const parsed = parseForm(StopSchema, { nom: "", adresse: "x".repeat(201), code_postal: "1623", commune: " ", latitude: "abc", longitude: "200" });
    expect(parsed).toEqual({
      ok: false,
      errors: { nom: m.labelEmpty, adresse: m.addressLong, code_postal: m.postcode, commune: m.communeEmpty, latitude: m.latitude, longitude: m.longitude },
    });
    expect(parseForm(StopSchema, form({ nom: "x".repeat(121) }))).toEqual({ ok: false, errors: { nom: m.labelLong } });
    // A field sent twice is refused, not joined.
    expect(parseForm(StopSchema, { ...form(), nom: ["A", "B"] })).toEqual({ ok: false, errors: { nom: m.labelEmpty } });
  });

  it("asks for both coordinates or none", () => {
    expect(parseForm(StopSchema, form({ latitude: "45,87" }))).toEqual({ ok: false, errors: { longitude: m.bothCoordinates } });
    expect(parseForm(StopSchema, form({ longitude: "0,17" }))).toEqual({ ok: false, errors: { latitude: m.bothCoordinates } });
  });

  it("refuses coordinates outside France, metropolitan or overseas, and swapped ones", () => {
    expect(parseForm(StopSchema, form({ latitude: "0,1797", longitude: "45,8762" }))).toEqual({ ok: false, errors: { latitude: m.outsideFrance } });
    expect(parseForm(StopSchema, form({ latitude: "52,52", longitude: "13,40" }))).toEqual({ ok: false, errors: { latitude: m.outsideFrance } }); // Berlin
    // Overseas: Réunion, Guyane, Martinique, Mayotte, Nouméa, Papeete, Saint-Pierre.
    for (const [lat, lon] of [[-20.88, 55.45], [4.93, -52.33], [14.6, -61.07], [-12.78, 45.23], [-22.27, 166.44], [-17.53, -149.57], [46.78, -56.17]] as const) {
      expect(isInFrance(lat, lon)).toBe(true);
    }
    expect(isInFrance(45.8762, 0.1797)).toBe(true);
    expect(isInFrance(42.7, 9.45)).toBe(true); // Corsica
    expect(isInFrance(40.4, -3.7)).toBe(false); // Madrid
  });

  it("fills the form from a stop, coordinates with a comma", () => {
    expect(stopToFormValues({ label: "Parking", address: "Rue A", postcode: "18100", commune: "Vierzon", latitude: 47.22, longitude: 2.07 })).toEqual({
      nom: "Parking", adresse: "Rue A", code_postal: "18100", commune: "Vierzon", latitude: "47,22", longitude: "2,07",
    });
    expect(stopToFormValues().nom).toBe("");
  });
});
