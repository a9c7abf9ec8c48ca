/**
 * Who took part in a help session, as the counts a record carries (app/db/schema/mediation.ts):
 * named people's attributes at the time plus anonymous counts. Every breakdown adds up to the
 * number of participants; what an anonymous breakdown leaves out is « Non communiqué ».
 */
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES, type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";

export type PersonAttributes = { ageBand: CoopAgeBand; gender: CoopGender; socialStatus: CoopSocialStatus };
export type NamedParticipant = PersonAttributes & { firstTime: boolean };

/** What a mediator counts of the people they did not name (a collective session). */
export type AnonymousCounts = {
  total: number;
  alreadyHelped: number;
  gender: Partial<Record<CoopGender, number>>;
  age: Partial<Record<CoopAgeBand, number>>;
  status: Partial<Record<CoopSocialStatus, number>>;
};

export const NO_ANONYMOUS: AnonymousCounts = { total: 0, alreadyHelped: 0, gender: {}, age: {}, status: {} };

/** The count columns of help_records, by their Drizzle names. */
export type RecordCounts = {
  participants: number;
  named: number;
  firstTime: number;
  alreadyHelped: number;
  genderMale: number;
  genderFemale: number;
  genderUnknown: number;
  ageUnder12: number;
  age12To17: number;
  age18To24: number;
  age25To39: number;
  age40To59: number;
  age60To69: number;
  age70Plus: number;
  ageUnknown: number;
  statusSchool: number;
  statusJobSeeking: number;
  statusEmployed: number;
  statusRetired: number;
  statusUnknown: number;
};

export const GENDER_COLUMNS = { Masculin: "genderMale", Feminin: "genderFemale", NonCommunique: "genderUnknown" } as const satisfies Record<CoopGender, keyof RecordCounts>;
export const AGE_COLUMNS = {
  MoinsDeDouze: "ageUnder12",
  DouzeDixHuit: "age12To17",
  DixHuitVingtQuatre: "age18To24",
  VingtCinqTrenteNeuf: "age25To39",
  QuaranteCinquanteNeuf: "age40To59",
  SoixanteSoixanteNeuf: "age60To69",
  SoixanteDixPlus: "age70Plus",
  NonCommunique: "ageUnknown",
} as const satisfies Record<CoopAgeBand, keyof RecordCounts>;
export const STATUS_COLUMNS = {
  Scolarise: "statusSchool",
  SansEmploi: "statusJobSeeking",
  EnEmploi: "statusEmployed",
  Retraite: "statusRetired",
  NonCommunique: "statusUnknown",
} as const satisfies Record<CoopSocialStatus, keyof RecordCounts>;

export type CountsProblem = "no-participant" | "already-helped-over-total" | "gender-over-total" | "age-over-total" | "status-over-total";

/** Sum of a breakdown's known values (its « Non communiqué » excluded). */
function knownSum<K extends string>(breakdown: Partial<Record<K, number>>): number {
  let sum = 0;
  for (const [key, value] of Object.entries(breakdown) as [string, number | undefined][]) if (key !== "NonCommunique") sum += value ?? 0;
  return sum;
}

/**
 * The record's counts from its named people and anonymous counts; a problem when a breakdown of
 * the anonymous people says more people than their total, or nobody took part (`allowEmpty`: a
 * collective draft may have nobody yet).
 */
export function recordCounts(
  named: readonly NamedParticipant[],
  anonymous: AnonymousCounts = NO_ANONYMOUS,
  options: { allowEmpty?: boolean } = {},
): { ok: true; counts: RecordCounts } | { ok: false; problem: CountsProblem } {
  const participants = named.length + anonymous.total;
  if (participants === 0 && !options.allowEmpty) return { ok: false, problem: "no-participant" };
  if (anonymous.alreadyHelped > anonymous.total) return { ok: false, problem: "already-helped-over-total" };
  if (knownSum(anonymous.gender) > anonymous.total) return { ok: false, problem: "gender-over-total" };
  if (knownSum(anonymous.age) > anonymous.total) return { ok: false, problem: "age-over-total" };
  if (knownSum(anonymous.status) > anonymous.total) return { ok: false, problem: "status-over-total" };
  const counts: RecordCounts = {
    participants,
    named: named.length,
    firstTime: named.filter((p) => p.firstTime).length,
    alreadyHelped: anonymous.alreadyHelped,
    genderMale: 0,
    genderFemale: 0,
    genderUnknown: 0,
    ageUnder12: 0,
    age12To17: 0,
    age18To24: 0,
    age25To39: 0,
    age40To59: 0,
    age60To69: 0,
    age70Plus: 0,
    ageUnknown: 0,
    statusSchool: 0,
    statusJobSeeking: 0,
    statusEmployed: 0,
    statusRetired: 0,
    statusUnknown: 0,
  };
  for (const person of named) {
    counts[GENDER_COLUMNS[person.gender]] += 1;
    counts[AGE_COLUMNS[person.ageBand]] += 1;
    counts[STATUS_COLUMNS[person.socialStatus]] += 1;
  }
  for (const gender of COOP_GENDERS) if (gender !== "NonCommunique") counts[GENDER_COLUMNS[gender]] += anonymous.gender[gender] ?? 0;
  for (const band of COOP_AGE_BANDS) if (band !== "NonCommunique") counts[AGE_COLUMNS[band]] += anonymous.age[band] ?? 0;
  for (const status of COOP_SOCIAL_STATUSES) if (status !== "NonCommunique") counts[STATUS_COLUMNS[status]] += anonymous.status[status] ?? 0;
  counts.genderUnknown += anonymous.total - knownSum(anonymous.gender);
  counts.ageUnknown += anonymous.total - knownSum(anonymous.age);
  counts.statusUnknown += anonymous.total - knownSum(anonymous.status);
  return { ok: true, counts };
}

/** The anonymous part of a record's counts: its totals less its named people (to edit it again). */
export function anonymousPart(counts: RecordCounts, named: readonly NamedParticipant[]): AnonymousCounts {
  const minus = (column: keyof RecordCounts, pick: (p: NamedParticipant) => boolean) => counts[column] - named.filter(pick).length;
  const gender: AnonymousCounts["gender"] = {};
  const age: AnonymousCounts["age"] = {};
  const status: AnonymousCounts["status"] = {};
  for (const g of COOP_GENDERS) if (g !== "NonCommunique") gender[g] = minus(GENDER_COLUMNS[g], (p) => p.gender === g);
  for (const a of COOP_AGE_BANDS) if (a !== "NonCommunique") age[a] = minus(AGE_COLUMNS[a], (p) => p.ageBand === a);
  for (const s of COOP_SOCIAL_STATUSES) if (s !== "NonCommunique") status[s] = minus(STATUS_COLUMNS[s], (p) => p.socialStatus === s);
  return { total: counts.participants - named.length, alreadyHelped: counts.alreadyHelped, gender, age, status };
}
