/**
 * The demo's help records: a year of them across the demo network, in plausible proportions
 * (themes, durations, age bands, where, equipment — roughly those La Coop's national figures
 * show: administrative procedures and first steps with a device first, mostly older people,
 * mostly at the place), at its labelled places, quieter in August and at Christmas; 40 people followed by name at the demo
 * accounts' place, with their consent. Made once, by the record counts of the feature; then, at each
 * start, the demo's attended appointments older than two days get their record, so the mediator's
 * « À compléter » shows the last two days only.
 * Demo people have made-up names and phone numbers from the range set aside for fiction.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { beneficiaries, helpRecordPeople, helpRecords, memberships, places, users } from "~/db/schema";
import {
  COOP_ADMIN_THEME_CODES, type CoopAdminTheme, type CoopAutonomy, type CoopEquipment, type CoopLevel, type CoopOrientation, type CoopPlaceKind, type CoopTheme,
} from "~/db/schema/mediation";
import { type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";
import { consentWording } from "~/features/mediation/consent";
import { recordCounts, type NamedParticipant } from "~/features/mediation/counts";
import { prefillFromBooking } from "~/features/mediation/prefill.server";
import { addDays, weekdayOf, type IsoDate } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { logger } from "~/lib/logger";
import { seededRandom } from "~/lib/random";
import { demoPlaces } from "./demo-scheduling.server";
import { DEMO_ACCOUNTS } from "./demo.server";

type Weighted<T> = readonly (readonly [T, number])[];

const THEMES: Weighted<CoopTheme> = [
  ["AideAuxDemarchesAdministratives", 30], ["PrendreEnMainDuMateriel", 20], ["NavigationSurInternet", 15], ["Email", 12], ["InsertionProfessionnelle", 8],
  ["GereSesContenusNumeriques", 6], ["BanqueEtAchatsEnLigne", 5], ["SecuriteNumerique", 5], ["Sante", 5], ["Bureautique", 4], ["ReseauxSociaux", 3],
  ["DiagnosticNumerique", 3], ["MaintenanceDeMateriel", 2], ["ScolariteEtNumerique", 2], ["Parentalite", 1], ["CultureNumerique", 1], ["CreerAvecLeNumerique", 1],
  ["IntelligenceArtificielle", 1], ["Entrepreneuriat", 1],
];
const ADMIN_THEMES: Weighted<CoopAdminTheme> = [
  ["ArgentImpots", 25], ["SocialSante", 20], ["TravailFormation", 15], ["PapiersElectionsCitoyennete", 15], ["Logement", 10], ["FamilleScolarite", 8],
  ["TransportsMobilite", 5], ["EtrangersEurope", 4], ["Justice", 2], ["LoisirsSportsCulture", 1], ["Associations", 1],
];
const DURATIONS: Weighted<number> = [[30, 30], [45, 20], [60, 30], [15, 8], [90, 8], [120, 4]];
const AGES: Weighted<CoopAgeBand> = [
  ["SoixanteDixPlus", 25], ["QuaranteCinquanteNeuf", 25], ["SoixanteSoixanteNeuf", 20], ["VingtCinqTrenteNeuf", 15], ["DixHuitVingtQuatre", 7], ["NonCommunique", 6],
  ["DouzeDixHuit", 1.5], ["MoinsDeDouze", 0.5],
];
const GENDERS: Weighted<CoopGender> = [["Feminin", 58], ["Masculin", 38], ["NonCommunique", 4]];
const STATUSES: Weighted<CoopSocialStatus> = [["Retraite", 40], ["SansEmploi", 25], ["EnEmploi", 15], ["NonCommunique", 15], ["Scolarise", 5]];
const PLACE_KINDS: Weighted<CoopPlaceKind> = [["LieuActivite", 85], ["ADistance", 7], ["Domicile", 5], ["Autre", 3]];
const EQUIPMENT: Weighted<CoopEquipment> = [["Ordinateur", 45], ["Telephone", 35], ["Tablette", 10], ["Aucun", 5], ["Autre", 5]];
const AUTONOMY: Weighted<CoopAutonomy> = [["EntierementAccompagne", 50], ["PartiellementAutonome", 35], ["Autonome", 15]];
const ORIENTATIONS: Weighted<CoopOrientation> = [
  ["AideAuxDemarchesAdministratives", 30], ["AideSociale", 20], ["InsertionProfessionnelle", 20], ["Administration", 15], ["MediationNumerique", 8], ["OperateurOuOrganismeEnCharge", 5], ["Autre", 2],
];
const WORKSHOP_TITLES: readonly [string, CoopTheme, CoopLevel][] = [
  ["Premiers pas sur l'ordinateur", "PrendreEnMainDuMateriel", "Debutant"],
  ["Bien utiliser son smartphone", "PrendreEnMainDuMateriel", "Debutant"],
  ["Créer et utiliser sa boîte mail", "Email", "Debutant"],
  ["Faire ses démarches en ligne en sécurité", "SecuriteNumerique", "Intermediaire"],
  ["Rédiger son CV", "InsertionProfessionnelle", "Intermediaire"],
  ["Ranger et partager ses photos", "GereSesContenusNumeriques", "Intermediaire"],
  ["Découvrir l'intelligence artificielle", "IntelligenceArtificielle", "Avance"],
  ["Le tableur pour les associations", "Bureautique", "Avance"],
];
const FIRST_NAMES = ["Nadia", "Jean-Pierre", "Fatou", "Mehdi", "Sylvie", "Kevin", "Monique", "Ibrahima", "Chantal", "Lucas", "Aïcha", "Gérard", "Inès", "Patrick", "Yasmina", "Bernard", "Léa", "Mamadou", "Josiane", "Thomas"];
const INITIALS = ["M.", "D.", "L.", "B.", "R.", "P.", "G.", "K.", "T.", "C."];
const COMMUNES: readonly [string, string][] = [["18279", "Vierzon"], ["18033", "Bourges"], ["45234", "Orléans"], ["36044", "Châteauroux"], ["41018", "Blois"], ["37261", "Tours"]];

function pick<T>(random: () => number, table: Weighted<T>): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** How busy a day is: none on Sundays, quiet in August and between Christmas and New Year. */
function dayWeight(date: IsoDate): number {
  const weekday = weekdayOf(date);
  if (weekday === 7) return 0;
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (month === 8) return 0.35;
  if ((month === 12 && day >= 24) || (month === 1 && day === 1)) return 0.1;
  return weekday === 6 ? 0.5 : 1;
}

type RecordRow = typeof helpRecords.$inferInsert;

/** Make the demo's records once; complete the demo's attended appointments older than two days at each start. */
export async function seedDemoMediation(db: Db, now: number = Date.now()): Promise<{ records: number; completed: number }> {
  const demo = await demoPlaces(db);
  if (demo.length === 0) return { records: 0, completed: 0 };
  const today = todayIn("Europe/Paris", now);
  // The network's labelled places (a regional file holds hundreds of places; about sixty are labelled).
  const labelled = await queryRows(db, sql`select distinct g.place_id from label_grants g join networks n on n.id = g.network_id where n.is_demo`);
  const [existing] = await queryRows(db, sql`select 1 from help_records where place_id = ${demo[0]!.id} limit 1`);
  let records = 0;
  if (!existing) records = await seedYear(db, { demoPlaceIds: demo.map((p) => p.id), networkPlaceIds: labelled.map((p) => String(p.place_id)), today });
  const completed = await completeOldAppointments(db, { placeIds: demo.map((p) => p.id), now });
  if (records || completed) logger.info({ records, completed }, "demo help records");
  return { records, completed };
}

async function seedYear(db: Db, options: { demoPlaceIds: string[]; networkPlaceIds: string[]; today: IsoDate }): Promise<number> {
  const random = seededRandom(20_261_212);
  const [first] = options.demoPlaceIds;
  const staff = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.placeId, first!), inArray(users.email, [DEMO_ACCOUNTS.mediator.email, DEMO_ACCOUNTS.manager.email])));
  const mediatorId = staff.find((s) => s.email === DEMO_ACCOUNTS.mediator.email)?.id ?? null;
  const managerId = staff.find((s) => s.email === DEMO_ACCOUNTS.manager.email)?.id ?? null;

  // 40 people followed by name at the first place, with their consent to the place's current text.
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, first!));
  const wording = consentWording({ placeName: place!.name, retentionMonths: 12 });
  const people = await db
    .insert(beneficiaries)
    .values(
      Array.from({ length: 40 }, (_, i) => {
        const ageBand = pick(random, AGES);
        const [insee, commune] = COMMUNES[Math.floor(random() * COMMUNES.length)]!;
        const consentAt = new Date(`${addDays(options.today, -300 + i * 7)}T10:00:00Z`);
        return {
          placeId: first!, firstName: FIRST_NAMES[i % FIRST_NAMES.length]!, lastName: INITIALS[i % INITIALS.length]!,
          phone: i % 3 === 0 ? `+3363998${String(2000 + i).padStart(4, "0")}` : null,
          birthYear: ageBand === "SoixanteDixPlus" ? 1948 + (i % 6) : ageBand === "SoixanteSoixanteNeuf" ? 1960 + (i % 6) : null,
          ageBand, gender: pick(random, GENDERS), socialStatus: pick(random, STATUSES), communeInsee: insee, communeName: commune,
          consentWording: wording, consentAt, consentBy: mediatorId, createdBy: mediatorId, createdAt: consentAt, lastActivityAt: consentAt,
        };
      }),
    )
    .returning({ id: beneficiaries.id, ageBand: beneficiaries.ageBand, gender: beneficiaries.gender, socialStatus: beneficiaries.socialStatus, createdAt: beneficiaries.createdAt });

  const rows: RecordRow[] = [];
  const links: { index: number; people: typeof people; firstTime: boolean[] }[] = [];
  const helped = new Set<string>();
  const perWeek = (placeId: string) => (placeId === first ? 30 : options.demoPlaceIds.includes(placeId) ? 10 : 1 + Math.floor(random() * 3));
  for (const placeId of options.networkPlaceIds) {
    const weekly = perWeek(placeId);
    for (let d = 365; d >= 1; d--) {
      const date = addDays(options.today, -d);
      const expected = (weekly / 5.5) * dayWeight(date);
      let n = Math.floor(expected) + (random() < expected % 1 ? 1 : 0);
      for (; n > 0; n--) {
        const collective = random() < 0.12;
        const themes = new Set<CoopTheme>([pick(random, THEMES)]);
        if (random() < 0.3) themes.add(pick(random, THEMES));
        const adminThemes = themes.has("AideAuxDemarchesAdministratives") ? [pick(random, ADMIN_THEMES)] : [];
        const placeKind = collective ? "LieuActivite" : pick(random, PLACE_KINDS);
        const commune = placeKind === "Domicile" || placeKind === "Autre" ? COMMUNES[Math.floor(random() * COMMUNES.length)]! : null;
        let named: typeof people = [];
        let anonymous = { total: 1, alreadyHelped: 0, gender: {}, age: {}, status: {} } as Parameters<typeof recordCounts>[1];
        if (collective) {
          const total = 4 + Math.floor(random() * 9);
          const gender: Record<string, number> = {};
          const age: Record<string, number> = {};
          const status: Record<string, number> = {};
          for (let i = 0; i < total; i++) {
            const g = pick(random, GENDERS);
            const a = pick(random, AGES);
            const s = pick(random, STATUSES);
            gender[g] = (gender[g] ?? 0) + 1;
            age[a] = (age[a] ?? 0) + 1;
            status[s] = (status[s] ?? 0) + 1;
          }
          anonymous = { total, alreadyHelped: Math.floor(total * random() * 0.6), gender, age, status };
        } else {
          const person = placeId === first && random() < 0.35 ? people[Math.floor(random() * people.length)]! : undefined;
          if (person && person.createdAt.toISOString().slice(0, 10) <= date) named = [person];
          else {
            const g = pick(random, GENDERS);
            const a = pick(random, AGES);
            const s = pick(random, STATUSES);
            anonymous = { total: 1, alreadyHelped: 0, gender: { [g]: 1 }, age: { [a]: 1 }, status: { [s]: 1 } };
          }
          if (named.length) anonymous = { total: 0, alreadyHelped: 0, gender: {}, age: {}, status: {} };
        }
        const firstTime = named.map((p) => !helped.has(p.id));
        for (const p of named) helped.add(p.id);
        const participants: NamedParticipant[] = named.map((p, i) => ({ ageBand: p.ageBand, gender: p.gender, socialStatus: p.socialStatus, firstTime: firstTime[i]! }));
        const counted = recordCounts(participants, anonymous);
        if (!counted.ok) continue;
        const workshop = WORKSHOP_TITLES[Math.floor(random() * WORKSHOP_TITLES.length)]!;
        const oriented = !collective && random() < 0.12;
        rows.push({
          placeId, kind: collective ? "collectif" : "individuel", status: "done", date,
          mediatorId: placeId === first ? (random() < 0.7 ? mediatorId : managerId) : null,
          durationMinutes: collective ? pick(random, [[90, 2], [120, 3], [60, 1]] as const) : pick(random, DURATIONS),
          placeKind, communeInsee: commune?.[0] ?? null, communeName: commune?.[1] ?? null,
          themes: collective ? [workshop[1]] : [...themes], adminThemes: collective ? [] : adminThemes,
          equipment: collective ? ["Ordinateur"] : [pick(random, EQUIPMENT)],
          autonomy: collective ? null : pick(random, AUTONOMY), oriented, orientation: oriented ? pick(random, ORIENTATIONS) : null,
          title: collective ? workshop[0] : null, level: collective ? workshop[2] : null, ...counted.counts,
          createdAt: new Date(`${date}T17:00:00Z`), updatedAt: new Date(`${date}T17:00:00Z`),
        });
        if (named.length) links.push({ index: rows.length - 1, people: named, firstTime });
      }
    }
  }
  // In batches: a year of a network is thousands of rows.
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    const inserted = await db.insert(helpRecords).values(rows.slice(i, i + 400)).returning({ id: helpRecords.id });
    ids.push(...inserted.map((r) => r.id));
  }
  const peopleRows = links.flatMap((l) => l.people.map((p, i) => ({ recordId: ids[l.index]!, beneficiaryId: p.id, ageBand: p.ageBand, gender: p.gender, socialStatus: p.socialStatus, firstTime: l.firstTime[i]! })));
  for (let i = 0; i < peopleRows.length; i += 500) await db.insert(helpRecordPeople).values(peopleRows.slice(i, i + 500));
  await queryRows(db, sql`
    update beneficiaries b set last_activity_at = greatest(b.last_activity_at, x.last::timestamptz)
    from (select hp.beneficiary_id, max(h.date) as last from help_record_people hp join help_records h on h.id = hp.record_id group by hp.beneficiary_id) x
    where x.beneficiary_id = b.id`);
  return rows.length;
}

/** The demo's attended appointments older than two days, each with its record (as « Compléter le compte rendu » would make it). */
async function completeOldAppointments(db: Db, options: { placeIds: string[]; now: number }): Promise<number> {
  const before = new Date(options.now - 2 * 86_400_000);
  const open = await queryRows(db, sql`
    select b.id, b.place_id, p.time_zone, r.staff_user_id from bookings b join resources r on r.id = b.resource_id join places p on p.id = b.place_id
    where b.place_id in (${sql.join(options.placeIds.map((id) => sql`${id}::uuid`), sql`, `)}) and r.kind = 'appointment' and b.attendance = 'present'
      and b.starts_at < ${before.toISOString()} and not exists (select 1 from help_records h where h.booking_id = b.id)`);
  let made = 0;
  for (const booking of open) {
    const prefill = await prefillFromBooking(db, { placeId: String(booking.place_id), bookingId: String(booking.id), timeZone: String(booking.time_zone) });
    if (!prefill) continue;
    const themes = prefill.input.themes?.length ? prefill.input.themes : (["NavigationSurInternet"] as CoopTheme[]);
    const counted = recordCounts([], { total: 1, alreadyHelped: 0, gender: {}, age: {}, status: {} });
    if (!counted.ok) continue;
    await db
      .insert(helpRecords)
      .values({
        placeId: String(booking.place_id), kind: "individuel", status: "done", date: prefill.input.date, durationMinutes: prefill.input.durationMinutes ?? 30,
        placeKind: "LieuActivite", themes, adminThemes: themes.includes("AideAuxDemarchesAdministratives") ? [COOP_ADMIN_THEME_CODES[6]] : [],
        equipment: ["Ordinateur"], autonomy: "PartiellementAutonome", mediatorId: (booking.staff_user_id as string | null) ?? null, bookingId: String(booking.id), ...counted.counts,
      })
      .onConflictDoNothing();
    made += 1;
  }
  return made;
}
