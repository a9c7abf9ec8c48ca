import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Database, Db } from "~/db/client.server";
import { importRuns, labelGrants, networks, organisations, placeNetworks, places } from "~/db/schema";
import { resolveCommune } from "~/features/communes/communes";
import { loadMapping } from "~/features/standard/mapping";
import { detectShape, prepareRow, readSourceFile } from "~/features/standard/read";
import { validateStandardRow } from "~/features/standard/schema";
import { parseStandardRow, toStandardRow, type StandardPlace } from "~/features/standard/types";
import { weekMultirange } from "~/features/hours/weekly-slots";
import { foldText, slugify } from "~/lib/text";
import { standardToColumns } from "./standard-fields";
import { fr } from "~/lib/messages";

export type ImportOptions = {
  file: string;
  /** Attach every imported place to this network. */
  networkSlug?: string;
  /** Declarative mapping for files that are not in the national standard. */
  mappingFile?: string;
  /** Write the valid rows and put the others in a rejects CSV, instead of all-or-nothing. */
  partial?: boolean;
  rejectsFile?: string;
  /** Grant the network's label to rows the mapping flags as EPN (demo data). */
  labelFlagged?: { label: string; themes: string[]; validFrom: string; validUntil?: string };
  /** Called once the file is checked, just before the writing transaction starts. */
  onWriteStart?: (rows: number) => void;
  /** Called inside the writing transaction once everything is written (e.g. to audit the import with it). */
  onWritten?: (tx: Db, report: ImportReport, networkId: string | null) => Promise<void>;
};

export type RowProblem = { row: number; id?: string; field: string; value: string; message: string; hint: string };
/** A remark about a row (nothing refused). `code` names the remarks that code acts on: never test the wording. */
export type RowNote = { row: number; id?: string; field: string; value: string; message: string; code?: "coordinates-from-commune" };
export type LikelyDuplicate = { placeId: string; name: string; source: string; otherId: string; otherName: string; otherSource: string; reason: string };

export type ImportReport = {
  file: string;
  /** "ligne" for CSV (header is line 1), "enregistrement" for JSON (first is 1). */
  rowKind: "ligne" | "enregistrement";
  shape: string;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  skippedOlder: number;
  /** Rows left out by the mapping's `filtre`. */
  filtered: number;
  written: boolean;
  problems: RowProblem[];
  notes: RowNote[];
  duplicates: LikelyDuplicate[];
  hoursNotConverted: number;
  coordinatesFromCommune: number;
  labelled: number;
  rejectsFile?: string;
};

type PreparedPlace = {
  row: number;
  place: StandardPlace;
  sourceKey: string;
  hoursText?: string;
  equipment: { computers?: number; laptops?: number; tablets?: number; printers?: number; printers3d?: number };
  flagged: boolean;
  timeZone: string;
  coordinatesFrom: "source" | "commune" | null;
  hash: string;
};

const UNKNOWN_PIVOT = /^0+$/;
const BATCH = 500;

export class ImportError extends Error {
  /** "not-standard": the file needs a mapping (the message names the CLI option). */
  constructor(message: string, readonly kind: "not-found" | "not-standard" | "no-network" = "not-found") {
    super(message);
  }
}

/** Read, check and (when everything is right, or with `partial`) write a file of places. */
export async function importPlacesFile(database: Database, options: ImportOptions): Promise<ImportReport> {
  const file = path.resolve(options.file);
  if (!fs.existsSync(file)) throw new ImportError(`Le fichier ${options.file} est introuvable.`);
  const { format, rows } = await readSourceFile(file);
  const mapping = options.mappingFile ? await loadMapping(options.mappingFile) : undefined;
  const shape = mapping ? "mapping" : detectShape(rows);
  if (shape === "other" && !mapping) {
    throw new ImportError(
      `Le fichier ${path.basename(file)} ne suit pas le standard national (v1.0.2 ou v0.1) : ` +
        `indiquez un fichier de correspondance avec --mapping <fichier> (voir mappings/README.md).`,
      "not-standard",
    );
  }
  const fileStem = path.basename(file).replace(/\.[^.]+$/, "");
  const rowNumber = (index: number) => (format === "csv" ? index + 2 : index + 1);

  const report: ImportReport = {
    file: path.basename(file),
    rowKind: format === "csv" ? "ligne" : "enregistrement",
    shape,
    total: rows.length,
    valid: 0,
    invalid: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skippedOlder: 0,
    filtered: 0,
    written: false,
    problems: [],
    notes: [],
    duplicates: [],
    hoursNotConverted: 0,
    coordinatesFromCommune: 0,
    labelled: 0,
  };

  const prepared: PreparedPlace[] = [];
  const rejected: { raw: Record<string, unknown>; problems: RowProblem[] }[] = [];
  const seenKeys = new Map<string, number>();

  rows.forEach((raw, index) => {
    const row = rowNumber(index);
    const { row: standard, extras, warnings, skipped } = prepareRow(raw, { shape, mapping });
    if (skipped) {
      report.filtered++;
      return;
    }
    const notes: RowNote[] = warnings.map((w) => ({ row, id: standard.id || undefined, ...w }));
    const timeZone = fillFromCommune(standard, notes, row);
    if (!standard.id) {
      standard.id = `h-${crypto.createHash("sha1").update(`${standard.nom}|${standard.adresse}|${standard.code_postal}`).digest("hex").slice(0, 12)}`;
      notes.push({ row, id: standard.id, field: "id", value: "", message: fr.importer.notes.idComputed });
    }
    const problems: RowProblem[] = validateStandardRow(standard).map((p) => ({ row, id: standard.id, ...p }));
    const sourceKey = standard.source || fileStem;
    const key = `${sourceKey}\u0000${standard.id}`;
    if (problems.length === 0 && seenKeys.has(key)) {
      problems.push({
        row, id: standard.id, field: "id", value: standard.id,
        message: fr.importer.problems.duplicateId(report.rowKind, seenKeys.get(key)!),
        hint: fr.importer.problems.duplicateIdHint,
      });
    }
    report.notes.push(...notes);
    if (problems.length > 0) {
      report.invalid++;
      report.problems.push(...problems);
      rejected.push({ raw, problems });
      return;
    }
    seenKeys.set(key, row);
    report.valid++;
    if (extras.hoursText) report.hoursNotConverted++;
    const place = parseStandardRow(standard);
    const coordinatesFrom = notes.some((n) => n.code === "coordinates-from-commune")
      ? "commune"
      : place.latitude !== undefined ? "source" : null;
    if (coordinatesFrom === "commune") report.coordinatesFromCommune++;
    const equipment = {
      computers: extras.computers, laptops: extras.laptops, tablets: extras.tablets,
      printers: extras.printers, printers3d: extras.printers3d,
    };
    prepared.push({
      row, place, sourceKey, hoursText: extras.hoursText, equipment, flagged: Boolean(extras.isEpn), timeZone, coordinatesFrom,
      hash: crypto.createHash("sha1").update(JSON.stringify([toStandardRow(place), extras])).digest("hex"),
    });
  });

  if (report.invalid > 0) {
    if (options.partial) {
      report.rejectsFile = path.resolve(options.rejectsFile ?? file.replace(/(\.[^.]+)?$/, ".rejets.csv"));
      writeRejects(report.rejectsFile, rejected);
    } else {
      return report; // all-or-nothing: nothing is written
    }
  }

  options.onWriteStart?.(prepared.length);
  await database.db.transaction(async (tx) => {
    const network = options.networkSlug ? await findNetwork(tx, options.networkSlug) : undefined;
    const written = await upsertPlaces(tx, prepared, report);
    if (network) {
      await attachToNetwork(tx, network.id, written.map((w) => w.id));
      if (options.labelFlagged) {
        const flaggedIds = written.filter((w) => w.flagged).map((w) => w.id);
        report.labelled = await grantLabel(tx, network.id, flaggedIds, options.labelFlagged);
      }
    }
    report.duplicates = await findLikelyDuplicates(tx, written.filter((w) => w.changed).map((w) => w.id));
    report.written = true;
    await tx.insert(importRuns).values({
      fileName: report.file,
      shape,
      networkId: network?.id ?? null,
      partial: Boolean(options.partial),
      counts: {
        total: report.total, valid: report.valid, invalid: report.invalid, created: report.created,
        updated: report.updated, unchanged: report.unchanged, skippedOlder: report.skippedOlder,
      },
      // The report holds no personal data: ids, fields and messages only.
      report: { problems: report.problems.slice(0, 1000), duplicates: report.duplicates.slice(0, 1000) },
    });
    await options.onWritten?.(tx, report, network?.id ?? null);
  });
  // The planner's statistics follow a bulk change at once (PostgreSQL's autoanalyze would, later;
  // PGlite has none): the directory's plans depend on how many places have hours, a service…
  // Through `database.db`, which may be the caller's transaction (the demo's): never the outer
  // handle inside a PGlite transaction (one connection: it would wait for itself).
  if (report.created + report.updated > 0) await database.db.execute(sql`analyze places`);
  return report;
}

/** Fill the INSEE code, coordinates and time zone from the offline communes reference. */
function fillFromCommune(standard: Record<string, string>, notes: RowNote[], row: number): string {
  const found = resolveCommune({ name: standard.commune, postcode: standard.code_postal, insee: standard.code_insee });
  if (!found) return "Europe/Paris";
  const { commune } = found;
  if (!standard.code_insee || (found.matchedBy !== "insee" && standard.code_insee !== commune.insee)) {
    if (standard.code_insee) {
      notes.push({ row, id: standard.id, field: "code_insee", value: standard.code_insee, message: fr.importer.notes.inseeCorrected(commune.insee, commune.name) });
    }
    standard.code_insee = commune.insee;
  }
  if (!standard.latitude || !standard.longitude) {
    standard.latitude = String(commune.latitude);
    standard.longitude = String(commune.longitude);
    notes.push({ row, id: standard.id, field: "latitude", value: "", message: fr.importer.notes.coordinatesFromCommune(commune.name), code: "coordinates-from-commune" });
  }
  return commune.timeZone;
}

async function findNetwork(tx: Db, slug: string) {
  const [network] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug));
  if (!network) {
    throw new ImportError(fr.importer.noNetwork(slug), "no-network");
  }
  return network;
}

type Written = { id: string; flagged: boolean; changed: boolean };

async function upsertPlaces(tx: Db, prepared: PreparedPlace[], report: ImportReport): Promise<Written[]> {
  const sources = [...new Set(prepared.map((p) => p.sourceKey))];
  const existing = new Map<string, { id: string; hash: string; updatedOn: string }>();
  if (sources.length > 0) {
    const rows = await tx
      .select({ id: places.id, source: places.source, sourceId: places.sourceId, hash: places.contentHash, updatedOn: places.updatedOn })
      .from(places)
      .where(inArray(places.source, sources));
    for (const r of rows) existing.set(`${r.source}\u0000${r.sourceId}`, r);
  }
  const slugs = new Set((await tx.select({ slug: places.slug }).from(places)).map((r) => r.slug));
  const organisationIds = await upsertOrganisations(tx, prepared);

  const written: Written[] = [];
  const toWrite: (typeof places.$inferInsert)[] = [];
  const flags: boolean[] = [];
  for (const p of prepared) {
    const current = existing.get(`${p.sourceKey}\u0000${p.place.id}`);
    if (current) {
      if (current.hash === p.hash) {
        report.unchanged++;
        written.push({ id: current.id, flagged: p.flagged, changed: false });
        continue;
      }
      if (current.updatedOn > p.place.date_maj) {
        report.skippedOlder++;
        report.notes.push({ row: p.row, id: p.place.id, field: "date_maj", value: p.place.date_maj, message: fr.importer.notes.olderIgnored(current.updatedOn) });
        written.push({ id: current.id, flagged: p.flagged, changed: false });
        continue;
      }
      report.updated++;
    } else {
      report.created++;
    }
    toWrite.push({
      ...standardToColumns(p.place),
      id: current?.id,
      slug: current ? "" : uniqueSlug(slugs, `${p.place.nom} ${p.place.commune}`),
      source: p.sourceKey,
      organisationId: organisationIds.get(p.place.pivot) ?? null,
      coordinatesFrom: p.coordinatesFrom,
      hoursText: p.hoursText ?? null,
      timeZone: p.timeZone,
      ...p.equipment,
      searchText: foldText(`${p.place.nom} ${p.place.commune}`),
      weekHours: cachedWeekHours(p.place.horaires),
      contentHash: p.hash,
    });
    flags.push(p.flagged);
  }
  for (let i = 0; i < toWrite.length; i += BATCH) {
    const rows = await upsertBatch(tx, toWrite.slice(i, i + BATCH));
    rows.forEach((r, j) => written.push({ id: r.id, flagged: flags[i + j], changed: true }));
  }
  return written;
}

const weekCache = new Map<string, string | null>();
/** Many places share the same hours: derive each distinct value's week once. */
function cachedWeekHours(openingHours: string | undefined): string | null {
  if (!openingHours) return null;
  let week = weekCache.get(openingHours);
  if (week === undefined) {
    if (weekCache.size > 50_000) weekCache.clear();
    week = weekMultirange(openingHours);
    weekCache.set(openingHours, week);
  }
  return week;
}

/**
 * One statement per batch: the rows travel as one JSON parameter, expanded by
 * json_populate_recordset (building 49 bound parameters per row through the ORM cost
 * more than the database's own work). On conflict every imported column takes the new
 * value; id, slug, status and created_at stay.
 */
const upsertStatement = (() => {
  const columns = Object.values(getTableColumns(places)).filter((c) => !("generated" in c && c.generated));
  const names = columns.map((c) => c.name);
  const keep = new Set(["id", "slug", "status", "created_at", "source", "source_id", "version"]);
  const defaults: Record<string, string> = { id: "gen_random_uuid()", status: "'published'", created_at: "now()", updated_at: "now()", version: "1" };
  const select = names.map((n) => (defaults[n] ? `coalesce(r."${n}", ${defaults[n]})` : `r."${n}"`)).join(", ");
  const update = names.filter((n) => !keep.has(n) && n !== "updated_at").map((n) => `"${n}" = excluded."${n}"`);
  return {
    columns: columns.map((c) => [Object.entries(getTableColumns(places)).find(([, v]) => v === c)![0], c.name] as const),
    text: `insert into places (${names.map((n) => `"${n}"`).join(", ")})
      select ${select} from json_populate_recordset(null::places, $1::json) r
      on conflict (source, source_id) do update set ${update.join(", ")}, updated_at = now(), version = places.version + 1
      returning id`,
  };
})();

async function upsertBatch(tx: Db, batch: (typeof places.$inferInsert)[]): Promise<{ id: string }[]> {
  const json = batch.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, name] of upsertStatement.columns) {
      const value = (row as Record<string, unknown>)[key];
      if (value !== undefined) out[name] = value;
    }
    return out;
  });
  const chunks = upsertStatement.text.split("$1");
  const result = await tx.execute(sql.join([sql.raw(chunks[0]), sql`${JSON.stringify(json)}`, sql.raw(chunks[1])]));
  return (Array.isArray(result) ? result : (result as unknown as { rows: { id: string }[] }).rows) as { id: string }[];
}

function uniqueSlug(taken: Set<string>, text: string): string {
  const base = slugify(text);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

async function upsertOrganisations(tx: Db, prepared: PreparedPlace[]): Promise<Map<string, string>> {
  const byPivot = new Map<string, string>();
  for (const p of prepared) {
    if (UNKNOWN_PIVOT.test(p.place.pivot) || byPivot.has(p.place.pivot)) continue;
    byPivot.set(p.place.pivot, p.place.structure_parente || p.place.nom);
  }
  const ids = new Map<string, string>();
  const entries = [...byPivot.entries()];
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = await tx
      .insert(organisations)
      .values(entries.slice(i, i + BATCH).map(([pivot, name]) => ({ pivot, name })))
      .onConflictDoUpdate({ target: organisations.pivot, set: { pivot: sql`excluded.pivot` } })
      .returning({ id: organisations.id, pivot: organisations.pivot });
    for (const r of rows) ids.set(r.pivot, r.id);
  }
  return ids;
}

async function attachToNetwork(tx: Db, networkId: string, placeIds: string[]) {
  for (let i = 0; i < placeIds.length; i += BATCH) {
    await tx
      .insert(placeNetworks)
      .values(placeIds.slice(i, i + BATCH).map((placeId) => ({ placeId, networkId })))
      .onConflictDoNothing();
  }
}

async function grantLabel(tx: Db, networkId: string, placeIds: string[], grant: NonNullable<ImportOptions["labelFlagged"]>) {
  if (placeIds.length === 0) return 0;
  const already = await tx
    .select({ placeId: labelGrants.placeId })
    .from(labelGrants)
    .where(and(eq(labelGrants.networkId, networkId), eq(labelGrants.label, grant.label), inArray(labelGrants.placeId, placeIds)));
  const have = new Set(already.map((a) => a.placeId));
  const missing = placeIds.filter((id) => !have.has(id));
  for (let i = 0; i < missing.length; i += BATCH) {
    await tx.insert(labelGrants).values(
      missing.slice(i, i + BATCH).map((placeId) => ({
        networkId, placeId, label: grant.label, themes: grant.themes, validFrom: grant.validFrom, validUntil: grant.validUntil ?? null,
      })),
    );
  }
  return placeIds.length;
}

/**
 * For each of `placeIds` (the places an import just wrote): the places of another source
 * in the same commune (INSEE code) with a similar name (trigram similarity ≥ 0.5) or
 * address (≥ 0.7), or within about 100 m when both positions come from their producers
 * (not from the commune's reference point). Reported for a person to decide, never merged
 * silently.
 */
export async function findLikelyDuplicates(tx: Db, placeIds: string[]): Promise<LikelyDuplicate[]> {
  const found: LikelyDuplicate[] = [];
  for (let i = 0; i < placeIds.length && found.length < 1000; i += BATCH) {
    const ids = placeIds.slice(i, i + BATCH);
    const rows = await tx.execute<{
      place_id: string; name: string; source: string; other_id: string; other_name: string; other_source: string;
      name_sim: number; address_sim: number; metres: number | null;
    }>(sql`
      select a.id as place_id, a.name, a.source, b.id as other_id, b.name as other_name, b.source as other_source,
             similarity(a.name, b.name) as name_sim, similarity(a.address, b.address) as address_sim,
             case when a.latitude is null or b.latitude is null or a.coordinates_from = 'commune' or b.coordinates_from = 'commune' then null
                  else 6371000 * 2 * asin(sqrt(power(sin(radians(b.latitude - a.latitude) / 2), 2)
                       + cos(radians(a.latitude)) * cos(radians(b.latitude)) * power(sin(radians(b.longitude - a.longitude) / 2), 2))) end as metres
      from places a
      join places b on b.insee_code = a.insee_code and b.source <> a.source and b.id <> a.id
      where a.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
        and (similarity(a.name, b.name) >= 0.5 or similarity(a.address, b.address) >= 0.7
             or (a.coordinates_from = 'source' and b.coordinates_from = 'source'
                 and abs(a.latitude - b.latitude) < 0.001 and abs(a.longitude - b.longitude) < 0.0015))
      order by a.name
      limit 1000`);
    const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: typeof rows }).rows;
    for (const r of list as unknown as Record<string, never>[]) {
      const reasons: string[] = [];
      if (Number(r.name_sim) >= 0.5) reasons.push(fr.importer.duplicates.names(Math.round(Number(r.name_sim) * 100)));
      if (Number(r.address_sim) >= 0.7) reasons.push(fr.importer.duplicates.addresses(Math.round(Number(r.address_sim) * 100)));
      if (r.metres !== null && Number(r.metres) < 150) reasons.push(fr.importer.duplicates.metres(Math.round(Number(r.metres))));
      found.push({
        placeId: r.place_id, name: r.name, source: r.source, otherId: r.other_id, otherName: r.other_name,
        otherSource: r.other_source, reason: fr.importer.duplicates.sameCommune(reasons),
      });
    }
  }
  return found;
}

function writeRejects(file: string, rejected: { raw: Record<string, unknown>; problems: RowProblem[] }[]) {
  const columns = [...new Set(rejected.flatMap((r) => Object.keys(r.raw)))];
  const records = rejected.map((r) => [
    r.problems[0]?.row ?? "",
    r.problems.map((p) => `${p.field} : ${p.message}`).join(" | "),
    ...columns.map((c) => {
      const v = r.raw[c];
      return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    }),
  ]);
  fs.writeFileSync(file, stringify([["ligne_source", "erreurs", ...columns], ...records]));
}
