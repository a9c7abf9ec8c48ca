import { foldText } from "~/lib/text";
/**
 * Offline reference of current French communes with one coordinate each.
 *
 * Sources (both npm packages, nothing fetched at run time):
 * - `@etalab/decoupage-administratif` (INSEE Code officiel géographique, La Poste/DGFiP
 *   postcodes, INSEE population; Licence Ouverte / MIT): list of communes.
 * - `@etalab/fr-bounding-boxes` (IGN ADMIN EXPRESS bounding boxes, built by Etalab;
 *   Licence Ouverte 2.0 / MIT): one bounding box per INSEE code. We use the centre of
 *   the box as the commune coordinate.
 *
 * Coordinate resolution order for each current commune:
 * 1. "package": the box of its own INSEE code, or, for a commune nouvelle created after
 *    the box data set with a new code, the union of the boxes of its communes
 *    déléguées/associées (same territory, still package data);
 * 2. "parent-commune": arrondissements municipaux (Paris/Lyon/Marseille) take the
 *    coordinate of their commune;
 * 3. "postcode-neighbour": mean coordinate of the other communes sharing a postcode.
 * Communes with none of these (collectivités d'outre-mer such as Nouvelle-Calédonie,
 * Polynésie, Saint-Pierre-et-Miquelon, not covered by the box data set) are left out of
 * `loadCommunes()` and counted as `missing` by `communesCoverage()`.
 */
import { createRequire } from "node:module";

export type CoordinateSource = "package" | "postcode-neighbour" | "parent-commune";

export type Commune = {
  insee: string;
  name: string;
  postcodes: string[];
  department: string;
  region: string | null;
  latitude: number;
  longitude: number;
  /** How the coordinate was obtained. */
  coordinateSource: CoordinateSource;
  /** IANA time zone. */
  timeZone: string;
  population: number | null;
};

export type CommuneMatch = {
  commune: Commune;
  matchedBy: "insee" | "postcode+name" | "postcode" | "name";
};

type CogRow = {
  code: string;
  nom: string;
  type: "commune-actuelle" | "commune-deleguee" | "commune-associee" | "arrondissement-municipal";
  zone: "metro" | "drom" | "com";
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
  chefLieu?: string;
  commune?: string;
};

type BoxRow = { id: string; name: string; bbox: [number, number, number, number] };

type Box = [minLon: number, minLat: number, maxLon: number, maxLat: number];

const require = createRequire(import.meta.url);

const TIME_ZONES: Record<string, string> = {
  "971": "America/Guadeloupe",
  "972": "America/Martinique",
  "973": "America/Cayenne",
  "974": "Indian/Reunion",
  "975": "America/Miquelon",
  "976": "Indian/Mayotte",
  "977": "America/St_Barthelemy",
  "978": "America/Marigot",
  "984": "Indian/Kerguelen",
  "986": "Pacific/Wallis",
  // French Polynesia spans three zones; Tahiti holds most of the population.
  "987": "Pacific/Tahiti",
  "988": "Pacific/Noumea",
  "989": "Pacific/Pitcairn",
};

export function timeZoneForDepartment(department: string): string {
  return TIME_ZONES[department] ?? "Europe/Paris";
}

/** Lower-case, no accents, "st"→"saint", "ste"→"sainte", punctuation → spaces, collapsed spaces. */
export function normalizeCommuneName(name: string): string {
  const base = foldText(name);
  if (base === "") return "";
  return base
    .split(" ")
    .map((word) => (word === "st" ? "saint" : word === "ste" ? "sainte" : word))
    .join(" ");
}

/** Keys used for matching: the normalized name, and the same without a "cedex" or numeric suffix. */
function matchKeys(name: string): string[] {
  const normalized = normalizeCommuneName(name);
  if (normalized === "") return [];
  const keys = new Set<string>([normalized]);
  const noCedex = normalized.replace(/\s+cedex(\s+\d+)?$/, "").replace(/\s+\d+$/, "");
  if (noCedex !== "") keys.add(noCedex);
  return [...keys];
}

type Index = {
  communes: Commune[];
  byInsee: Map<string, Commune>;
  /** Old codes (communes déléguées/associées) → current commune. */
  aliasesByInsee: Map<string, Commune>;
  byPostcode: Map<string, Commune[]>;
  /** Normalized own name → communes. */
  byName: Map<string, Commune[]>;
  /** Normalized alternative names (parent of an arrondissement, former communes) → communes. */
  byAliasName: Map<string, Commune[]>;
  coverage: { total: number; byPackage: number; byFallback: number; missing: number };
};

let cache: Index | undefined;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function union(boxes: Box[]): Box {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

function buildIndex(): Index {
  const cog = require("@etalab/decoupage-administratif/data/communes.json") as CogRow[];
  const boxRows = require("@etalab/fr-bounding-boxes/dist/communes.json") as BoxRow[];

  const boxes = new Map<string, Box>();
  for (const row of boxRows) {
    const code = row.id.slice(row.id.lastIndexOf(":") + 1);
    boxes.set(code, row.bbox);
  }

  const current = cog.filter((row) => row.type === "commune-actuelle" || row.type === "arrondissement-municipal");
  const formers = cog.filter((row) => row.type === "commune-deleguee" || row.type === "commune-associee");
  const formersByParent = new Map<string, CogRow[]>();
  for (const row of formers) if (row.chefLieu) pushTo(formersByParent, row.chefLieu, row);

  type Pending = { row: CogRow; point?: { lat: number; lon: number; source: CoordinateSource } };
  const pending = new Map<string, Pending>();

  // 1. Package coordinates (own box, or union of the boxes of its former communes).
  for (const row of current) {
    let box: Box | undefined = boxes.get(row.code);
    if (!box) {
      const parts = (formersByParent.get(row.code) ?? []).map((f) => boxes.get(f.code)).filter((b): b is Box => !!b);
      if (parts.length > 0) box = union(parts);
    }
    const entry: Pending = { row };
    if (box) entry.point = { lon: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2, source: "package" };
    pending.set(row.code, entry);
  }

  // 2. Arrondissements municipaux → their commune.
  for (const entry of pending.values()) {
    if (entry.point || !entry.row.commune) continue;
    const parent = pending.get(entry.row.commune)?.point;
    if (parent?.source === "package") entry.point = { lat: parent.lat, lon: parent.lon, source: "parent-commune" };
  }

  // 3. Mean of the package coordinates of communes sharing a postcode.
  const packageByPostcode = new Map<string, Pending[]>();
  for (const entry of pending.values()) {
    if (entry.point?.source !== "package") continue;
    for (const pc of entry.row.codesPostaux ?? []) pushTo(packageByPostcode, pc, entry);
  }
  for (const entry of pending.values()) {
    if (entry.point) continue;
    const neighbours = new Set<Pending>();
    for (const pc of entry.row.codesPostaux ?? [])
      for (const n of packageByPostcode.get(pc) ?? []) if (n !== entry) neighbours.add(n);
    if (neighbours.size === 0) continue;
    let lat = 0;
    let lon = 0;
    for (const n of neighbours) {
      lat += n.point!.lat;
      lon += n.point!.lon;
    }
    entry.point = { lat: lat / neighbours.size, lon: lon / neighbours.size, source: "postcode-neighbour" };
  }

  const communes: Commune[] = [];
  const byInsee = new Map<string, Commune>();
  let byPackage = 0;
  let byFallback = 0;
  let missing = 0;
  for (const { row, point } of pending.values()) {
    if (!point) {
      missing++;
      continue;
    }
    if (point.source === "package") byPackage++;
    else byFallback++;
    const commune: Commune = {
      insee: row.code,
      name: row.nom,
      postcodes: [...(row.codesPostaux ?? [])],
      department: row.departement,
      region: row.zone === "com" ? null : row.region,
      latitude: round(point.lat),
      longitude: round(point.lon),
      coordinateSource: point.source,
      timeZone: timeZoneForDepartment(row.departement),
      population: typeof row.population === "number" ? row.population : null,
    };
    communes.push(commune);
    byInsee.set(commune.insee, commune);
  }

  const aliasesByInsee = new Map<string, Commune>();
  const byPostcode = new Map<string, Commune[]>();
  const byName = new Map<string, Commune[]>();
  const byAliasName = new Map<string, Commune[]>();
  for (const commune of communes) {
    for (const pc of commune.postcodes) pushTo(byPostcode, pc, commune);
    pushTo(byName, normalizeCommuneName(commune.name), commune);
  }
  for (const row of current) {
    const commune = byInsee.get(row.code);
    const parent = row.commune ? cog.find((r) => r.code === row.commune && r.type === "commune-actuelle") : undefined;
    if (commune && parent) pushTo(byAliasName, normalizeCommuneName(parent.nom), commune);
  }
  for (const row of formers) {
    const parent = row.chefLieu ? byInsee.get(row.chefLieu) : undefined;
    if (!parent) continue;
    if (!byInsee.has(row.code)) aliasesByInsee.set(row.code, parent);
    const key = normalizeCommuneName(row.nom);
    if (key !== normalizeCommuneName(parent.name)) pushTo(byAliasName, key, parent);
  }

  return {
    communes,
    byInsee,
    aliasesByInsee,
    byPostcode,
    byName,
    byAliasName,
    coverage: { total: current.length, byPackage, byFallback, missing },
  };
}

function index(): Index {
  cache ??= buildIndex();
  return cache;
}

/** Current communes (commune-actuelle + arrondissements municipaux) that have a coordinate. */
export function loadCommunes(): Commune[] {
  return index().communes;
}

export function communesCoverage(): { total: number; byPackage: number; byFallback: number; missing: number } {
  return { ...index().coverage };
}

function normalizeInsee(insee: string | number): string | undefined {
  const raw = String(insee).trim().toUpperCase();
  if (/^\d{1,5}$/.test(raw)) return raw.padStart(5, "0");
  if (/^2[AB]\d{3}$/.test(raw)) return raw;
  return undefined;
}

function normalizePostcode(postcode: string | number): string | undefined {
  const raw = String(postcode).replace(/\s+/g, "").trim();
  if (/^\d{4,5}$/.test(raw)) return raw.padStart(5, "0");
  return undefined;
}

/** Current commune for an INSEE code; former codes (communes déléguées/associées) map to their current commune. */
export function findCommuneByInsee(insee: string): Commune | undefined {
  const code = normalizeInsee(insee);
  if (!code) return undefined;
  const idx = index();
  return idx.byInsee.get(code) ?? idx.aliasesByInsee.get(code);
}

export function findCommunesByPostcode(postcode: string): Commune[] {
  const code = normalizePostcode(postcode);
  if (!code) return [];
  return [...(index().byPostcode.get(code) ?? [])];
}

/** Department code implied by a postcode (approximate for Corsica and overseas). */
function departmentOfPostcode(postcode: string): string[] {
  if (postcode.startsWith("97") || postcode.startsWith("98")) return [postcode.slice(0, 3)];
  if (postcode.startsWith("20")) return ["2A", "2B"];
  return [postcode.slice(0, 2)];
}

function mostPopulous(list: Commune[]): Commune | undefined {
  let best: Commune | undefined;
  for (const c of list) if (!best || (c.population ?? -1) > (best.population ?? -1)) best = c;
  return best;
}

/** Communes whose own name (first) or alternative name (then) matches. */
function namesMatching(name: string): { own: Commune[]; alias: Commune[] } {
  const idx = index();
  const own: Commune[] = [];
  const alias: Commune[] = [];
  for (const key of matchKeys(name)) {
    for (const c of idx.byName.get(key) ?? []) if (!own.includes(c)) own.push(c);
    for (const c of idx.byAliasName.get(key) ?? []) if (!alias.includes(c)) alias.push(c);
  }
  return { own, alias };
}

function nameMatches(commune: Commune, name: string): boolean {
  const { own, alias } = namesMatching(name);
  return own.includes(commune) || alias.includes(commune);
}

/**
 * Best match for messy input from real files. Tries, in order: the INSEE code (when
 * consistent with the name/postcode given), postcode + name, name within the postcode's
 * department (cedex or wrong postcodes), postcode alone, name alone.
 */
export function resolveCommune(input: {
  name?: string | null;
  postcode?: string | number | null;
  insee?: string | number | null;
}): CommuneMatch | undefined {
  const name = typeof input.name === "string" && normalizeCommuneName(input.name) !== "" ? input.name : undefined;
  const postcode =
    input.postcode !== null && input.postcode !== undefined && input.postcode !== ""
      ? normalizePostcode(input.postcode)
      : undefined;

  if (input.insee !== null && input.insee !== undefined && input.insee !== "") {
    const code = normalizeInsee(input.insee);
    const commune = code ? findCommuneByInsee(code) : undefined;
    if (commune) {
      const consistent =
        (!name && !postcode) ||
        (name !== undefined && nameMatches(commune, name)) ||
        (postcode !== undefined && commune.postcodes.includes(postcode)) ||
        (name === undefined && postcode !== undefined && departmentOfPostcode(postcode).includes(commune.department));
      if (consistent) return { commune, matchedBy: "insee" };
    }
  }

  const byPostcode = postcode ? findCommunesByPostcode(postcode) : [];
  const names = name ? namesMatching(name) : { own: [], alias: [] };

  if (name && byPostcode.length > 0) {
    const own = byPostcode.filter((c) => names.own.includes(c));
    const pick = mostPopulous(own) ?? mostPopulous(byPostcode.filter((c) => names.alias.includes(c)));
    if (pick) return { commune: pick, matchedBy: "postcode+name" };
  }

  if (name && byPostcode.length > 0) {
    // Truncated or extended names ("PORTS" for "Ports-sur-Vienne"): word-boundary prefix match.
    const keys = matchKeys(name);
    const prefixed = byPostcode.filter((c) => {
      const own = normalizeCommuneName(c.name);
      return keys.some((k) => own.startsWith(`${k} `) || k.startsWith(`${own} `));
    });
    const pick = mostPopulous(prefixed);
    if (pick) return { commune: pick, matchedBy: "postcode+name" };
  }

  if (name && postcode) {
    const departments = departmentOfPostcode(postcode);
    const inDepartment = (list: Commune[]) => list.filter((c) => departments.includes(c.department));
    const pick = mostPopulous(inDepartment(names.own)) ?? mostPopulous(inDepartment(names.alias));
    if (pick) return { commune: pick, matchedBy: "name" };
  }

  if (byPostcode.length > 0) {
    const pick = mostPopulous(byPostcode);
    if (pick) return { commune: pick, matchedBy: "postcode" };
  }

  if (name) {
    const pick = mostPopulous(names.own) ?? mostPopulous(names.alias);
    if (pick) return { commune: pick, matchedBy: "name" };
  }
  return undefined;
}
