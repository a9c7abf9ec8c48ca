/**
 * GET /api/v1/statistiques?reseau=<slug>&annee=YYYY — the public aggregates of a network's help, as
 * open data (no account): for each published place of the network and each month of the year, the
 * help sessions (individual, collective), the participants and the records per theme. Ages, genders
 * and social statuses are given only for a place and month of at least K_ANONYMITY participants: below,
 * a person could be recognised from them, so they are left out (and the payload says so). No network
 * or year total of these attributes is given either (the masked months could be found by subtraction),
 * and no commune of the people at all. Read from the records once (one aggregate by place and month).
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, queryRows } from "~/db/client.server";
import { COOP_THEME_CODES } from "~/db/schema/mediation";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES } from "~/db/schema/people";
import { getNetworkBySlug } from "~/features/networks/networks.server";
import { fr } from "~/lib/messages";
import { K_ANONYMITY } from "./stats";
import { AGE_SUMS, GENDER_SUMS, STATUS_SUMS } from "./stats.server";

export const STATISTICS_API_LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)";

const m = fr.statistics.api;
export type ApiError = { parametre: string; message: string };

const Query = z.object({
  reseau: z.string({ error: m.network }).regex(/^[a-z0-9-]{1,80}$/, m.network),
  annee: z.string({ error: m.year }).regex(/^\d{4}$/, m.year).transform(Number),
});

export function parseStatisticsApiQuery(url: URL, currentYear: number): { ok: true; slug: string; year: number } | { ok: false; errors: ApiError[] } {
  const errors: ApiError[] = [];
  for (const name of new Set(url.searchParams.keys())) if (name !== "reseau" && name !== "annee") errors.push({ parametre: name, message: m.unknownParameter(name) });
  const parsed = Query.safeParse({ reseau: url.searchParams.get("reseau") ?? undefined, annee: url.searchParams.get("annee") ?? undefined });
  if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ parametre: String(issue.path[0]), message: issue.message });
  else if (parsed.data.annee < 2000 || parsed.data.annee > currentYear) errors.push({ parametre: "annee", message: m.year });
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, slug: parsed.data.reseau, year: parsed.data.annee };
}

const counts = (codes: readonly string[], value: (code: string) => number) => Object.fromEntries(codes.map((c) => [c, value(c)]));
const nonZero = (entries: Record<string, number>) => Object.fromEntries(Object.entries(entries).filter(([, n]) => n > 0));

/** The answer (status and JSON body) to GET /api/v1/statistiques. */
export async function statisticsApi(db: Db, url: URL, options: { baseUrl: string; now?: Date }): Promise<{ status: number; body: unknown }> {
  const now = options.now ?? new Date();
  const parsed = parseStatisticsApiQuery(url, now.getUTCFullYear());
  if (!parsed.ok) return { status: 400, body: { erreur: m.invalid, details: parsed.errors } };
  const network = await getNetworkBySlug(db, parsed.slug);
  if (!network) return { status: 404, body: { erreur: m.networkUnknown, details: [{ parametre: "reseau", message: m.networkUnknown }] } };
  const themeColumns = COOP_THEME_CODES.map((_, i) => `count(*) filter (where r.theme_bits & ${2 ** i} <> 0)::int as "theme_${i}"`);
  const sumColumns = [...Object.values(AGE_SUMS), ...Object.values(GENDER_SUMS), ...Object.values(STATUS_SUMS)].map((c) => `sum(r.${c})::int as ${c}`);
  const aggregates = sql.raw([...themeColumns, ...sumColumns].join(", "));
  const [places, rows] = await Promise.all([
    queryRows(
      db,
      sql`select p.id, p.slug, p.name, p.commune, p.insee_code from places p join place_networks n on n.place_id = p.id
          where n.network_id = ${network.id} and p.status = 'published' order by p.name, p.id`,
    ),
    queryRows(
      db,
      sql`select r.place_id, to_char(date_trunc('month', r.date::timestamp), 'YYYY-MM') as month, count(*)::int as records,
            count(*) filter (where r.kind = 'collectif')::int as collective, sum(r.participants)::int as participants, ${aggregates}
          from help_records r join places p on p.id = r.place_id and p.status = 'published'
          where r.place_id in (select place_id from place_networks where network_id = ${network.id}) and r.status = 'done'
            and r.date between ${`${parsed.year}-01-01`}::date and ${`${parsed.year}-12-31`}::date
          group by r.place_id, date_trunc('month', r.date::timestamp)
          order by 2`,
    ),
  ]);
  const byPlace = new Map<string, unknown[]>();
  for (const row of rows) {
    const n = (key: string) => Number(row[key] ?? 0);
    const participants = n("participants");
    const shown = participants >= K_ANONYMITY;
    const rest = (known: Record<string, number>) => ({ ...known, NonCommunique: participants - Object.values(known).reduce((a, b) => a + b, 0) });
    const month = {
      mois: String(row.month),
      accompagnements: n("records"),
      individuels: n("records") - n("collective"),
      collectifs: n("collective"),
      participants,
      thematiques: nonZero(counts(COOP_THEME_CODES, (code) => n(`theme_${COOP_THEME_CODES.indexOf(code as (typeof COOP_THEME_CODES)[number])}`))),
      repartitions_masquees: !shown,
      ages: shown ? rest(counts(COOP_AGE_BANDS.filter((b) => b !== "NonCommunique"), (b) => n(AGE_SUMS[b as keyof typeof AGE_SUMS]))) : null,
      genres: shown ? rest(counts(COOP_GENDERS.filter((g) => g !== "NonCommunique"), (g) => n(GENDER_SUMS[g as keyof typeof GENDER_SUMS]))) : null,
      statuts: shown ? rest(counts(COOP_SOCIAL_STATUSES.filter((s) => s !== "NonCommunique"), (s) => n(STATUS_SUMS[s as keyof typeof STATUS_SUMS]))) : null,
    };
    const list = byPlace.get(String(row.place_id)) ?? [];
    list.push(month);
    byPlace.set(String(row.place_id), list);
  }
  return {
    status: 200,
    body: {
      reseau: { slug: network.slug, nom: network.name },
      annee: parsed.year,
      licence: STATISTICS_API_LICENCE,
      seuil_participants: K_ANONYMITY,
      note: m.withheld(K_ANONYMITY),
      lieux: places.map((p) => ({
        id: String(p.id),
        slug: String(p.slug),
        nom: String(p.name),
        commune: String(p.commune),
        code_insee: p.insee_code == null ? null : String(p.insee_code),
        url: `${options.baseUrl}/lieux/${String(p.slug)}`,
        mois: byPlace.get(String(p.id)) ?? [],
      })),
    },
  };
}

/** Open data: open to every site, cacheable for five minutes. */
export const STATISTICS_API_HEADERS = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } as const;
