import { createRequire } from "node:module";
import { and, desc, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { communes } from "~/db/schema";
import { normalizeCommuneName } from "~/features/communes/communes";

export type Origin = { latitude: number; longitude: number; label: string; insee?: string };
export type CommuneChoice = { insee: string; name: string; postcodes: string[]; department: string; departmentName: string };

const departments = createRequire(import.meta.url)("@etalab/decoupage-administratif/data/departements.json") as { code: string; nom: string }[];
const departmentNames = new Map(departments.map((d) => [d.code, d.nom]));

export type Location =
  | { kind: "origin"; origin: Origin }
  | { kind: "choices"; choices: CommuneChoice[] }
  | { kind: "text"; text: string }
  | { kind: "none" };

const communeColumns = {
  insee: communes.insee,
  name: communes.name,
  searchName: communes.searchName,
  postcodes: communes.postcodes,
  department: communes.department,
  latitude: communes.latitude,
  longitude: communes.longitude,
  population: communes.population,
};
type CommuneRow = { insee: string; name: string; searchName: string; postcodes: string[]; department: string; latitude: number; longitude: number; population: number | null };

type CommuneIndex = { byInsee: Map<string, CommuneRow>; byPostcode: Map<string, CommuneRow[]>; byName: Map<string, CommuneRow[]> };

const indexes = new WeakMap<Db, Promise<CommuneIndex>>();

/**
 * The communes by INSEE code, postcode and folded name, read once per database handle: they
 * are reference data (seeded from a package at start), and looking them up in memory spares
 * every search a round trip. Lists are in the order the database gave before: most populous first.
 */
function communeIndex(db: Db): Promise<CommuneIndex> {
  let index = indexes.get(db);
  if (!index) {
    index = loadCommuneIndex(db);
    indexes.set(db, index);
    // Not seeded yet (or failed): read again next time.
    index.then((i) => i.byInsee.size === 0 && indexes.delete(db), () => indexes.delete(db));
  }
  return index;
}

/** Read the communes into memory now (at start-up) rather than at the first search. */
export async function prepareCommuneLookups(db: Db): Promise<void> {
  await communeIndex(db);
}

async function loadCommuneIndex(db: Db): Promise<CommuneIndex> {
  const rows = await db.select(communeColumns).from(communes);
  // As `order by population desc` in PostgreSQL: unknown populations first, then the largest.
  rows.sort((a, b) => (a.population === null ? (b.population === null ? 0 : -1) : b.population === null ? 1 : b.population - a.population));
  const index: CommuneIndex = { byInsee: new Map(), byPostcode: new Map(), byName: new Map() };
  const add = (map: Map<string, CommuneRow[]>, key: string, row: CommuneRow) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const row of rows) {
    index.byInsee.set(row.insee, row);
    add(index.byName, row.searchName, row);
    for (const postcode of row.postcodes) add(index.byPostcode, postcode, row);
  }
  return index;
}

const toOrigin = (c: CommuneRow): Location => ({
  kind: "origin",
  origin: { latitude: c.latitude, longitude: c.longitude, label: `${c.name} (${c.postcodes[0] ?? c.department})`, insee: c.insee },
});
const toChoices = (rows: CommuneRow[]): Location => ({
  kind: "choices",
  choices: rows.map((c) => ({ insee: c.insee, name: c.name, postcodes: c.postcodes, department: c.department, departmentName: departmentNames.get(c.department) ?? c.department })),
});

/**
 * Where does the person want to search around? A commune (INSEE code), a device
 * position, a postcode, a commune name (accent- and typo-tolerant), or an address-like
 * text ending with a postcode and commune. Ambiguous input gives a choice of communes;
 * anything else is searched as a place name.
 */
export async function locate(
  db: Db,
  input: { q: string; commune?: string; lat?: number; lon?: number },
): Promise<Location> {
  if (input.lat !== undefined && input.lon !== undefined) {
    return { kind: "origin", origin: { latitude: input.lat, longitude: input.lon, label: "votre position" } };
  }
  const index = await communeIndex(db);
  if (input.commune) {
    const row = index.byInsee.get(input.commune);
    if (row) return toOrigin(row);
  }
  const q = input.q.trim();
  if (!q) return { kind: "none" };

  const postcode = /\b(\d{5})\b/.exec(q)?.[1];
  if (postcode) {
    const rows = index.byPostcode.get(postcode) ?? [];
    const rest = normalizeCommuneName(q.slice(q.indexOf(postcode) + 5));
    const named = rest ? rows.filter((r) => normalizeCommuneName(r.name) === rest || rest.endsWith(normalizeCommuneName(r.name))) : [];
    if (named.length === 1) return toOrigin(named[0]);
    if (rows.length === 1) return toOrigin(rows[0]);
    if (rows.length > 1) return toChoices(rows.slice(0, 20));
  }

  const name = normalizeCommuneName(q);
  if (name.length < 2) return { kind: "text", text: q };
  const exact = (index.byName.get(name) ?? []).slice(0, 20);
  if (exact.length === 1) return toOrigin(exact[0]);
  if (exact.length > 1) return toChoices(exact);

  // Typo-tolerant: trigram similarity on the folded name; communes whose name starts
  // with the text ("saint martin" → Saint-Martin-d'Hères…) are offered as a choice.
  const similar = await db
    .select({ ...communeColumns, score: sql<number>`similarity(${communes.searchName}, ${name})` })
    .from(communes)
    .where(and(sql`(${communes.searchName} % ${name} or ${communes.searchName} like ${`${name} %`})`))
    .orderBy(sql`similarity(${communes.searchName}, ${name}) desc`, desc(communes.population))
    .limit(12);
  const best = similar[0];
  if (!best) return { kind: "text", text: q };
  const second = similar[1];
  if (Number(best.score) >= 0.6 && (!second || Number(second.score) <= Number(best.score) - 0.15)) return toOrigin(best);
  const plausible = similar.filter((s) => Number(s.score) >= 0.45 || s.searchName.startsWith(`${name} `));
  if (plausible.length === 0) return { kind: "text", text: q };
  return toChoices(plausible);
}
