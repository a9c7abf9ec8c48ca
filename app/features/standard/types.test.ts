import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "vitest";
import { parseStandardRow, toStandardRow, formatNumber, type StandardPlace } from "./types";
import { STANDARD_FIELDS } from "./schema";
import { REFERENCE } from "../../../tests/support/reference";

const example = (parse(fs.readFileSync(`${REFERENCE}/exemple-valide-v1.0.2.csv`, "utf8"), { columns: true, bom: true }) as Record<string, string>[])[0];

test("parse the official example", () => {
  const place = parseStandardRow(example);
  expect(place.latitude).toBe(43.52609);
  expect(place.courriels).toEqual(["contact@laquincaillerie.tl", "responsable@laquincaillerie.tl"]);
  expect(place.typologie).toEqual(["TIERS_LIEUX", "ASSO"]);
  expect(place.itinerance).toEqual(["Itinérant"]);
  expect(place.code_insee).toBe("51454");
});

test("lossless round trip row → place → row → place", () => {
  const row = toStandardRow(parseStandardRow(example));
  expect(Object.keys(row)).toEqual([...STANDARD_FIELDS]);
  expect(row).toEqual(example);
  expect(parseStandardRow(row)).toEqual(parseStandardRow(example));
});

test("missing values, numbers, known spelling", () => {
  const place: StandardPlace = {
    id: "a", pivot: "00000000000000", nom: "N", commune: "C", code_postal: "01200", adresse: "A", date_maj: "2024-01-01",
    latitude: 0.0000001, longitude: -61.5,
    typologie: [], courriels: [], site_web: [], itinerance: [], services: [], publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [], frais_a_charge: [], dispositif_programmes_nationaux: [], formations_labels: ["Étapes numériques(La Poste)"],
    modalites_acces: [], modalites_accompagnement: [],
  };
  const row = toStandardRow(place);
  expect(row.latitude).toBe("0.0000001");
  expect(row.longitude).toBe("-61.5");
  expect(row.code_insee).toBe("");
  expect(parseStandardRow(row)).toEqual(place);
  expect(parseStandardRow({ ...row, formations_labels: "Étapes numériques (La Poste)" }).formations_labels).toEqual(["Étapes numériques(La Poste)"]);
  expect(formatNumber(1e21)).toBe("1000000000000000000000");
});
