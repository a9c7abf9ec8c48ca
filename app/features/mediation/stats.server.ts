/**
 * The figures of the help given, for places over a period (getMediationStatistics): the same object
 * for a place's page, a network's, a mediator's own figures (« Mes chiffres »), their exports, the
 * public aggregates and the yearly report.
 *
 * The records are read once: one aggregate over the done records, grouped by month, sums the count
 * columns (who took part: genders, ages, statuses are counted on the record itself) and counts the
 * records per theme, sub-theme and equipment bit (`count(*) filter (where theme_bits & 32 <> 0)`) and
 * per duration, place, autonomy and orientation; the totals are the months added up. The same
 * statement keeps the ids of the records with named people and reads their people (distinct) and
 * communes from help_record_people by those ids: the records are not read a second time. Bookings
 * and workshop sessions of the same places and period are read by their own aggregates. No name is
 * read: the object holds counts only.
 *
 * On PostgreSQL the statement runs without JIT compilation (for some seventy aggregates, compiling
 * costs more than it saves) and with 32 MB of work memory (measured by `BENCH_PART=stats npm run bench`).
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import {
  COOP_ADMIN_THEME_CODES,
  COOP_AUTONOMY,
  COOP_EQUIPMENT_CODES,
  COOP_ORIENTATIONS,
  COOP_PLACE_KINDS,
  COOP_THEME_CODES,
  type CoopAdminTheme,
  type CoopAutonomy,
  type CoopEquipment,
  type CoopOrientation,
  type CoopPlaceKind,
  type CoopTheme,
} from "~/db/schema/mediation";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES, type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";
import { addDays } from "~/features/time/calendar";
import { DURATION_BUCKETS } from "./coop-model";
import { type BookingSlotGroup, type Breakdown, type CommuneFigures, type DurationBucket, type MediationStatistics, monthsOf, occupancyOf, rate, type StatisticsFilters } from "./stats";

/** `{a,b}` for `::uuid[]` (ids checked as uuids by the callers' schemas). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** The count columns summed, by their SQL names; each breakdown's « Non communiqué » is the participants less the others. */
export const AGE_SUMS = { MoinsDeDouze: "age_under_12", DouzeDixHuit: "age_12_17", DixHuitVingtQuatre: "age_18_24", VingtCinqTrenteNeuf: "age_25_39", QuaranteCinquanteNeuf: "age_40_59", SoixanteSoixanteNeuf: "age_60_69", SoixanteDixPlus: "age_70_plus" } as const;
export const GENDER_SUMS = { Masculin: "gender_male", Feminin: "gender_female" } as const;
export const STATUS_SUMS = { Scolarise: "status_school", SansEmploi: "status_job_seeking", EnEmploi: "status_employed", Retraite: "status_retired" } as const;

/**
 * The aggregates of one month of records, as `alias → SQL`: what a breakdown can derive (its last
 * bucket, the main place, « Non communiqué ») is not computed row by row.
 */
function recordAggregates(): [string, string][] {
  const count = (where: string) => `count(*) filter (where ${where})`;
  const list: [string, string][] = [
    ["records", "count(*)"],
    ["collective", count("kind = 'collectif'")],
    ["collective_participants", "sum(participants) filter (where kind = 'collectif')"],
    ["minutes", "sum(duration_minutes)"],
    ["participants", "sum(participants)"],
    ["named", "sum(named)"],
    ["first_time", "sum(first_time)"],
  ];
  COOP_THEME_CODES.forEach((_, i) => list.push([`theme_${i}`, count(`theme_bits & ${2 ** i} <> 0`)]));
  COOP_ADMIN_THEME_CODES.forEach((_, i) => list.push([`admin_${i}`, count(`admin_theme_bits & ${2 ** i} <> 0`)]));
  COOP_EQUIPMENT_CODES.forEach((_, i) => list.push([`equipment_${i}`, count(`equipment_bits & ${2 ** i} <> 0`)]));
  for (const bucket of DURATION_BUCKETS.slice(0, -1)) list.push([`duration_${bucket.key}`, count(`duration_minutes between ${bucket.min} and ${bucket.max}`)]);
  for (const kind of COOP_PLACE_KINDS.slice(1)) list.push([`place_${kind}`, count(`place_kind = '${kind}'`)]);
  for (const level of COOP_AUTONOMY) list.push([`autonomy_${level}`, count(`autonomy = '${level}'`)]);
  list.push(["oriented", count("oriented")]);
  for (const kind of COOP_ORIENTATIONS) list.push([`orientation_${kind}`, count(`orientation = '${kind}'`)]);
  for (const column of [...Object.values(AGE_SUMS), ...Object.values(GENDER_SUMS), ...Object.values(STATUS_SUMS)]) list.push([column, `sum(${column})`]);
  return list;
}

const RECORD_AGGREGATES = sql.raw(recordAggregates().map(([alias, expression]) => `coalesce(${expression}, 0)::int as "${alias}"`).join(",\n  "));
const MONTH_COLUMNS = sql.raw(recordAggregates().map(([alias]) => `"${alias}"`).join(", "));

/** The done records the filters select (alias `r`). */
function recordsWhere(f: StatisticsFilters): SQL {
  const conditions = [sql`r.place_id = any(${uuidArray(f.placeIds)}::uuid[])`, sql`r.status = 'done'`, sql`r.date between ${f.from}::date and ${f.to}::date`];
  if (f.mediatorIds?.length) conditions.push(sql`r.mediator_id = any(${uuidArray(f.mediatorIds)}::uuid[])`);
  if (f.kinds?.length === 1) conditions.push(sql`r.kind = ${f.kinds[0]}`);
  if (f.themes?.length) {
    const mask = f.themes.reduce((bits, code) => bits | (2 ** COOP_THEME_CODES.indexOf(code)), 0);
    conditions.push(sql`r.theme_bits & ${mask}::int <> 0`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * Instants of a period's local days, widened by a day each side (no time zone is 24 hours from UTC),
 * for an index range; the exact test is on the place's clock.
 */
function widened(f: StatisticsFilters) {
  return { from: `${addDays(f.from, -1)}T00:00:00Z`, to: `${addDays(f.to, 2)}T00:00:00Z` };
}

type Row = Record<string, unknown>;
const int = (row: Row | undefined, key: string) => Number(row?.[key] ?? 0);

/** The figures of the help given in the filters' places and period (see the module's comment). */
export async function getMediationStatistics(db: Db, filters: StatisticsFilters, options: { now?: Date } = {}): Promise<MediationStatistics> {
  const now = options.now ?? new Date();
  if (filters.placeIds.length === 0) return assemble(filters, [], [], [], {});
  return db.transaction(async (tx) => {
    // Some seventy aggregates in one statement: compiling them (JIT) costs more than it saves; the months' hash table with the
    // named records' ids needs more than the default 4 MB to be chosen over sorting the year's records.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    const where = recordsWhere(filters);
    // One pass over the records: the months' aggregates, and the ids of the records with named people, whose people and
    // communes are then read from help_record_people (a semi-join on those ids, not a second scan of the records).
    const [recordsRow] = await queryRows(
      tx,
      sql`with m as (
            select to_char(date_trunc('month', r.date::timestamp), 'YYYY-MM') as month, ${RECORD_AGGREGATES},
              array_agg(r.id) filter (where r.named > 0) as named_ids
            from help_records r where ${where} group by date_trunc('month', r.date::timestamp)
          ), c as (
            select b.commune_name as commune, count(*)::int as participations, count(distinct p.beneficiary_id)::int as people
            from help_record_people p join beneficiaries b on b.id = p.beneficiary_id
            where p.record_id in (select unnest(named_ids) from m)
            group by b.commune_name
          )
          select (select json_agg(x)::text from (select month, ${MONTH_COLUMNS} from m) x) as months, (select json_agg(c)::text from c) as communes`,
    );
    const monthRows = JSON.parse(String(recordsRow?.months ?? "null")) ?? [];
    const communeRows = JSON.parse(String(recordsRow?.communes ?? "null")) ?? [];
    const wide = widened(filters);
    const places = sql`${uuidArray(filters.placeIds)}::uuid[]`;
    // The period's bounds on each place's clock, computed once a place (materialized: inlined, they would be computed for every row).
    const bounds = sql`select id, time_zone, (${filters.from}::date::timestamp at time zone time_zone) as lo, ((${filters.to}::date + 1)::timestamp at time zone time_zone) as hi
      from places where id = any(${places})`;
    // Bookings read once: counted by status and attendance; stations' bookings grouped by their instants first (many places share
    // the same hours), then by weekday, start minute and length on the place's clock.
    const bookingRows = await queryRows(
      tx,
      sql`with pl as materialized (${bounds}), g as (
            select pl.time_zone, case when x.station then b.starts_at end as starts_at, case when x.station then b.ends_at end as ends_at,
              count(*) filter (where b.status <> 'cancelled') as booked, count(*) filter (where b.status = 'cancelled') as cancelled,
              count(*) filter (where b.status <> 'cancelled' and b.attendance = 'present') as present,
              count(*) filter (where b.status <> 'cancelled' and b.attendance = 'absent') as absent,
              count(*) filter (where b.status <> 'cancelled' and b.attendance = 'excused') as excused
            from bookings b join pl on pl.id = b.place_id join resources s on s.id = b.resource_id
            cross join lateral (select s.kind = 'station' and b.status <> 'cancelled' as station) x
            where b.place_id = any(${places}) and b.starts_at >= ${wide.from}::timestamptz and b.starts_at < ${wide.to}::timestamptz
              and b.starts_at >= pl.lo and b.starts_at < pl.hi
            group by 1, 2, 3
          )
          select date_part('isodow', starts_at at time zone time_zone)::int as weekday,
            (date_part('hour', starts_at at time zone time_zone) * 60 + date_part('minute', starts_at at time zone time_zone))::int as start_minute,
            round(extract(epoch from (ends_at at time zone time_zone) - (starts_at at time zone time_zone)) / 60)::int as minutes,
            sum(booked)::int as booked, sum(cancelled)::int as cancelled, sum(present)::int as present, sum(absent)::int as absent, sum(excused)::int as excused
          from g group by 1, 2, 3`,
    );
const [workshopRow] = await queryRows(
      tx,
      sql`with pl as materialized (${bounds}), s as (
            select s.id, s.workshop_id, s.status = 'scheduled' and s.ends_at <= ${now.toISOString()}::timestamptz as held, s.status, s.capacity, s.seats_taken, s.walk_ins
            from workshop_sessions s join pl on pl.id = s.place_id
            where s.place_id = any(${places}) and s.starts_at >= ${wide.from}::timestamptz and s.starts_at < ${wide.to}::timestamptz
              and s.starts_at >= pl.lo and s.starts_at < pl.hi
          )
          select count(*) filter (where held)::int as held, count(*) filter (where status = 'cancelled')::int as cancelled,
            coalesce(sum(capacity) filter (where held and capacity is not null), 0)::int as capacity,
            coalesce(sum(seats_taken) filter (where held and capacity is not null), 0)::int as seats_taken,
            coalesce(sum(walk_ins) filter (where held), 0)::int as walk_ins,
            (select count(*) from workshop_attendance a join s on s.id = a.session_id where s.held and a.attendance = 'present')::int as present,
            (select count(*) from workshop_registrations w where w.status = 'waiting'
               and (w.session_id in (select id from s) or (w.session_id is null and w.workshop_id in (select workshop_id from s))))::int as waiting
          from s`,
    );
    return assemble(filters, monthRows, communeRows, bookingRows, workshopRow ?? {});
  });
}

/** The statistics object from the rows read: months added up, derived buckets, rates. */
function assemble(filters: StatisticsFilters, monthRows: Row[], communeRows: Row[], bookingRows: Row[], workshopRow: Row): MediationStatistics {
  const total: Record<string, number> = {};
  const byMonth = new Map<string, Row>();
  for (const row of monthRows) {
    byMonth.set(String(row.month), row);
    for (const [key, value] of Object.entries(row)) if (key !== "month") total[key] = (total[key] ?? 0) + Number(value ?? 0);
  }
  const t = (key: string) => total[key] ?? 0;
  const records = t("records");
  const individual = records - t("collective");
  const participants = t("participants");
  const breakdown = <K extends string>(codes: readonly K[], count: (code: K, i: number) => number): Breakdown<K> => codes.map((key, i) => ({ key, count: count(key, i) }));
  const rest = <K extends string>(list: Breakdown<K>, whole: number, last: K) => list.map((b) => (b.key === last ? { ...b, count: whole - list.filter((o) => o.key !== last).reduce((a, o) => a + o.count, 0) } : b));

  const durations = rest(breakdown(DURATION_BUCKETS.map((b) => b.key) as DurationBucket[], (key) => t(`duration_${key}`)), records, DURATION_BUCKETS.at(-1)!.key);
  const placeKinds = rest(breakdown<CoopPlaceKind>(COOP_PLACE_KINDS, (key) => t(`place_${key}`)), records, COOP_PLACE_KINDS[0]);
  const autonomy = rest(breakdown<CoopAutonomy | "NonRenseigne">([...COOP_AUTONOMY, "NonRenseigne"], (key) => t(`autonomy_${key}`)), individual, "NonRenseigne");
  const oriented = t("oriented");
  const orientations = rest(breakdown<CoopOrientation | "NonRenseigne">([...COOP_ORIENTATIONS, "NonRenseigne"], (key) => t(`orientation_${key}`)), oriented, "NonRenseigne");
  const ages = rest(breakdown<CoopAgeBand>(COOP_AGE_BANDS, (key) => (key === "NonCommunique" ? 0 : t(AGE_SUMS[key]))), participants, "NonCommunique");
  const genders = rest(breakdown<CoopGender>(COOP_GENDERS, (key) => (key === "NonCommunique" ? 0 : t(GENDER_SUMS[key]))), participants, "NonCommunique");
  const statuses = rest(breakdown<CoopSocialStatus>(COOP_SOCIAL_STATUSES, (key) => (key === "NonCommunique" ? 0 : t(STATUS_SUMS[key]))), participants, "NonCommunique");

  const communes: CommuneFigures[] = [];
  let namedPeople = 0;
  let placed = 0;
  for (const row of communeRows) {
    namedPeople += int(row, "people");
    if (row.commune == null) continue;
    communes.push({ commune: String(row.commune), participants: int(row, "participations") });
    placed += int(row, "participations");
  }
  communes.sort((a, b) => b.participants - a.participants || a.commune!.localeCompare(b.commune!, "fr"));
  if (participants - placed > 0) communes.push({ commune: null, participants: participants - placed });

  const booking: Record<string, number> = {};
  const slots: BookingSlotGroup[] = [];
  for (const row of bookingRows) {
    for (const key of ["booked", "cancelled", "present", "absent", "excused"]) booking[key] = (booking[key] ?? 0) + int(row, key);
    if (row.weekday != null) slots.push({ weekday: int(row, "weekday"), startMinute: int(row, "start_minute"), minutes: int(row, "minutes"), count: int(row, "booked") });
  }
  const present = booking.present ?? 0;
  const absent = booking.absent ?? 0;
  const capacity = int(workshopRow, "capacity");
  const seatsTaken = int(workshopRow, "seats_taken");

  return {
    filters,
    records: { total: records, individual, collective: t("collective"), minutes: t("minutes") },
    people: { participants, collectiveParticipants: t("collective_participants"), named: namedPeople, firstTime: t("first_time"), anonymous: participants - t("named") },
    themes: breakdown<CoopTheme>(COOP_THEME_CODES, (_, i) => t(`theme_${i}`)),
    adminThemes: breakdown<CoopAdminTheme>(COOP_ADMIN_THEME_CODES, (_, i) => t(`admin_${i}`)),
    durations,
    placeKinds,
    equipment: breakdown<CoopEquipment>(COOP_EQUIPMENT_CODES, (_, i) => t(`equipment_${i}`)),
    autonomy,
    orientation: { oriented, kinds: orientations },
    ages,
    genders,
    statuses,
    communes,
    months: monthsOf(filters.from, filters.to).map((month) => {
      const row = byMonth.get(month);
      const monthRecords = int(row, "records");
      return { month, records: monthRecords, individual: monthRecords - int(row, "collective"), collective: int(row, "collective"), participants: int(row, "participants") };
    }),
    bookings: {
      booked: booking.booked ?? 0,
      cancelled: booking.cancelled ?? 0,
      present,
      absent,
      excused: booking.excused ?? 0,
      noShowRate: rate(absent, present + absent),
      occupancy: occupancyOf(slots),
    },
    workshops: {
      held: int(workshopRow, "held"),
      cancelled: int(workshopRow, "cancelled"),
      capacity,
      seatsTaken,
      fillRate: rate(seatsTaken, capacity),
      present: int(workshopRow, "present"),
      walkIns: int(workshopRow, "walk_ins"),
      waiting: int(workshopRow, "waiting"),
    },
  };
}
