import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  communesCoverage,
  findCommuneByInsee,
  findCommunesByPostcode,
  loadCommunes,
  normalizeCommuneName,
  resolveCommune,
} from "~/features/communes/communes";

const REAL_FILE = path.resolve(
  import.meta.dirname,
  "../../../../shared/reference/mednum/real/centre-val-de-loire_hub-lo_source.json",
);

describe("normalizeCommuneName", () => {
  it("lower-cases, strips accents and expands st/ste", () => {
    expect(normalizeCommuneName("CHÂTEAUROUX")).toBe("chateauroux");
    expect(normalizeCommuneName("ST JEAN DE BRAYE")).toBe("saint jean de braye");
    expect(normalizeCommuneName("Ste-Maure-de-Touraine")).toBe("sainte maure de touraine");
    expect(normalizeCommuneName("  La Guerche sur l'Aubois ")).toBe("la guerche sur l aubois");
    expect(normalizeCommuneName("Saint-Etienne-du-Rouvray")).toBe("saint etienne du rouvray");
  });
});

describe("loadCommunes", () => {
  it("loads current communes quickly and caches them", () => {
    const start = performance.now();
    const first = loadCommunes();
    const elapsed = performance.now() - start;
    expect(first.length).toBeGreaterThan(34_800);
    expect(loadCommunes()).toBe(first);
    // Generous bound: the first call parses ~12 MB of JSON (well under 1 s on a dev machine).
    expect(elapsed).toBeLessThan(3_000);
  });

  it("reports coverage figures", () => {
    const coverage = communesCoverage();
    console.info("Couverture des communes :", coverage);
    expect(coverage.total).toBe(coverage.byPackage + coverage.byFallback + coverage.missing);
    expect(coverage.byPackage + coverage.byFallback).toBe(loadCommunes().length);
    expect(coverage.byPackage / coverage.total).toBeGreaterThan(0.99);
  });

  it("has unique INSEE codes and plausible coordinates", () => {
    const communes = loadCommunes();
    expect(new Set(communes.map((c) => c.insee)).size).toBe(communes.length);
    const outliers: string[] = [];
    for (const c of communes) {
      if (!Number.isFinite(c.latitude) || !Number.isFinite(c.longitude)) outliers.push(`${c.insee} non numérique`);
      if (c.department.startsWith("97") || c.department.startsWith("98")) continue;
      // Metropolitan France incl. Corsica.
      const inside = c.latitude > 41.3 && c.latitude < 51.2 && c.longitude > -5.3 && c.longitude < 9.7;
      if (!inside) outliers.push(`${c.insee} ${c.latitude},${c.longitude}`);
      if (c.timeZone !== "Europe/Paris" || c.region === null) outliers.push(`${c.insee} fuseau/région`);
    }
    expect(outliers).toEqual([]);
  });

  it("places overseas departments in their own area", () => {
    const bounds: Record<string, [number, number, number, number]> = {
      // [minLat, maxLat, minLon, maxLon]
      "971": [15.8, 18.2, -63.2, -60.9],
      "972": [14.3, 15.0, -61.3, -60.7],
      "973": [2.0, 6.0, -54.7, -51.5],
      "974": [-21.5, -20.8, 55.1, 56.0],
      "976": [-13.1, -12.5, 44.9, 45.4],
    };
    const outliers: string[] = [];
    for (const c of loadCommunes()) {
      const b = bounds[c.department];
      if (!b) continue;
      if (!(c.latitude > b[0] && c.latitude < b[1] && c.longitude > b[2] && c.longitude < b[3]))
        outliers.push(`${c.insee} ${c.latitude},${c.longitude}`);
    }
    expect(outliers).toEqual([]);
    expect(loadCommunes().filter((c) => c.department === "972").length).toBe(34);
  });
});

describe("lookups", () => {
  it("finds Châteauroux from messy input", () => {
    const match = resolveCommune({ name: "CHATEAUROUX", postcode: 36000 });
    expect(match?.commune.insee).toBe("36044");
    expect(match?.commune.name).toBe("Châteauroux");
    expect(match?.matchedBy).toBe("postcode+name");
    expect(match?.commune.coordinateSource).toBe("package");
    expect(match?.commune.latitude).toBeCloseTo(46.81, 1);
    expect(match?.commune.longitude).toBeCloseTo(1.69, 1);
  });

  it("finds Bourges, including from a cedex postcode", () => {
    expect(resolveCommune({ name: "BOURGES", postcode: "18000" })?.commune.insee).toBe("18033");
    const cedex = resolveCommune({ name: "BOURGES", postcode: 18020 });
    expect(cedex?.commune.insee).toBe("18033");
    expect(cedex?.matchedBy).toBe("name");
    expect(resolveCommune({ name: "Bourges" })?.commune.insee).toBe("18033");
  });

  it("expands abbreviations", () => {
    const match = resolveCommune({ name: "ST JEAN DE BRAYE", postcode: 45800 });
    expect(match?.commune.insee).toBe("45284");
    expect(match?.matchedBy).toBe("postcode+name");
  });

  it("pads postcodes missing their leading zero", () => {
    expect(findCommunesByPostcode("1200").length).toBeGreaterThan(0);
    expect(findCommunesByPostcode("1200")).toEqual(findCommunesByPostcode("01200"));
    const match = resolveCommune({ name: "Bellegarde-sur-Valserine", postcode: 1200 });
    // Bellegarde-sur-Valserine merged into Valserhône (01033).
    expect(match?.commune.insee).toBe("01033");
  });

  it("handles a commune with several postcodes", () => {
    const oree = findCommuneByInsee("49126");
    expect(oree?.postcodes).toEqual(expect.arrayContaining(["49270", "49530"]));
    expect(findCommunesByPostcode("49270")).toContain(oree);
    expect(findCommunesByPostcode("49530")).toContain(oree);
    expect(resolveCommune({ name: "Orée d'Anjou", postcode: "49530" })?.commune).toBe(oree);
  });

  it("keeps Paris and its arrondissements", () => {
    const paris = findCommuneByInsee("75056");
    expect(paris?.name).toBe("Paris");
    expect(paris?.coordinateSource).toBe("package");
    for (let n = 1; n <= 20; n++) {
      const insee = `751${String(n).padStart(2, "0")}`;
      const arr = findCommuneByInsee(insee);
      expect(arr, insee).toBeDefined();
      expect(arr?.coordinateSource).toBe("parent-commune");
      expect(arr?.latitude).toBe(paris?.latitude);
      expect(arr?.postcodes).toContain(`750${String(n).padStart(2, "0")}`);
    }
    expect(resolveCommune({ name: "PARIS", postcode: 75015 })?.commune.insee).toBe("75056");
    expect(resolveCommune({ name: "Paris 15e Arrondissement", postcode: 75015 })?.commune.insee).toBe("75115");
  });

  it("gives Martinique communes their time zone", () => {
    const fdf = findCommuneByInsee("97209");
    expect(fdf?.name).toBe("Fort-de-France");
    expect(fdf?.timeZone).toBe("America/Martinique");
    expect(fdf?.region).toBe("02");
    expect(fdf?.postcodes.length).toBeGreaterThan(1);
    expect(resolveCommune({ name: "FORT DE FRANCE", postcode: 97200 })?.commune).toBe(fdf);
    expect(findCommuneByInsee("97101")?.timeZone).toBe("America/Guadeloupe");
    expect(findCommuneByInsee("97411")?.timeZone).toBe("Indian/Reunion");
  });

  it("does not invent a coordinate for Nouvelle-Calédonie (not covered by the package)", () => {
    // Nouméa (98818) has no coordinate in @etalab/fr-bounding-boxes: left out, counted as missing.
    expect(findCommuneByInsee("98818")).toBeUndefined();
    expect(communesCoverage().missing).toBeGreaterThan(0);
  });

  it("maps former codes to the current commune", () => {
    // Conques (12076) is a commune déléguée of Conques-en-Rouergue (12218).
    expect(findCommuneByInsee("12076")?.insee).toBe("12218");
    expect(findCommuneByInsee(" 12218 ")?.name).toBe("Conques-en-Rouergue");
    expect(findCommuneByInsee("nope")).toBeUndefined();
  });

  it("accepts a consistent INSEE code and ignores a wrong one", () => {
    expect(resolveCommune({ insee: 36044 })?.matchedBy).toBe("insee");
    expect(resolveCommune({ insee: "1004", postcode: "01500" })?.commune.name).toBe("Ambérieu-en-Bugey");
    const wrong = resolveCommune({ insee: "18033", name: "Chateauroux", postcode: 36000 });
    expect(wrong?.commune.insee).toBe("36044");
    expect(wrong?.matchedBy).toBe("postcode+name");
  });

  it("returns undefined when nothing matches", () => {
    expect(resolveCommune({})).toBeUndefined();
    expect(resolveCommune({ name: "Zzzzville", postcode: "00000" })).toBeUndefined();
  });
});

describe("real file: Centre-Val de Loire (hub-lo)", () => {
  it("resolves at least 99 % of the rows", () => {
    const rows = JSON.parse(readFileSync(REAL_FILE, "utf8")) as Array<{ c_city: string | null; c_postcode: number | null }>;
    expect(rows.length).toBe(426);
    const byMethod: Record<string, number> = {};
    const unresolved: string[] = [];
    for (const row of rows) {
      const match = resolveCommune({ name: row.c_city, postcode: row.c_postcode });
      const key = match?.matchedBy ?? "non résolu";
      byMethod[key] = (byMethod[key] ?? 0) + 1;
      if (!match) unresolved.push(`${row.c_city} (${row.c_postcode})`);
      else expect(match.commune.department, `${row.c_city} ${row.c_postcode}`).toMatch(/^(18|28|36|37|41|45)$/);
    }
    const resolved = rows.length - unresolved.length;
    console.info(
      `Fichier réel : ${resolved}/${rows.length} lignes résolues (${((100 * resolved) / rows.length).toFixed(1)} %)`,
      byMethod,
      unresolved,
    );
    expect(resolved / rows.length).toBeGreaterThanOrEqual(0.99);
  });
});
