/**
 * The demo's workshops: across the demo network, six weeks of workshops with realistic titles —
 * some full with people waiting, one offered by delay, a cycle, drop-in « permanences », a repair
 * café — made by the real series commands (recurrences, school holidays skipped), and the week
 * before today with attendance taken; and a mobile EPN (the real « La Rur@linette », Indre) with
 * its stops in villages and its passages. Run at each start: when the demo's sessions end less
 * than three weeks ahead, the demo series are made again around today.
 * Demo people have made-up first names and phone numbers from the range set aside for fiction
 * (06 39 98 xx xx).
 */
import { and, eq, ilike, inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import { memberships, placeNetworks, places, users, workshopAttendance, workshopRegistrations, workshops } from "~/db/schema";
import { addDays, weekdayOf } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { parseForm } from "~/lib/forms";
import { logger } from "~/lib/logger";
import { seededRandom } from "~/lib/random";
import { SERIES_FIELDS as F, seriesSchema, seriesToFormValues } from "~/features/workshops/series-form";
import { createSeries } from "~/features/workshops/series.server";
import { addStop, listStops } from "~/features/workshops/stops.server";
import { demoPlaces } from "./demo-scheduling.server";
import { DEMO_ACCOUNTS } from "./demo.server";

const DAYS_BEFORE = 7;
const DAYS_AFTER = 42;
const NAMES = ["Nadia", "Jean-Pierre", "Fatou", "Mehdi", "Sylvie", "Kevin", "Monique", "Ibrahima", "Chantal", "Lucas", "Aïcha", "Gérard", "Inès", "Patrick", "Yasmina", "Bernard", "Léa", "Mamadou", "Josiane", "Thomas", "Odette", "Rachid", "Françoise", "Dylan"];
/** The demo's mobile EPN: a real itinerant place of the Centre-Val de Loire file. */
const MOBILE_EPN = "La Rur@linette%";

type Spec = {
  fields: Record<string, string | string[]>;
  /** Seats taken in future sessions: "full" (and people waiting), a share, or none. */
  fill?: "full" | "half" | "some";
  waiting?: number;
  /** The first session this many days after today (a cycle still open to registration); default: a week ago. */
  startsIn?: number;
};

/** A weekly series on `weekday` (1 = Monday), from a week ago to six weeks ahead. */
const weekly = (weekday: number, start: string, end: string, extra: Record<string, string | string[]> = {}) => ({
  [F.frequency]: "weekly", [F.weekdays]: [String(weekday)], [F.start]: start, [F.end]: end, ...extra,
});

function specsForDemoMediatorPlace(today: string): Spec[] {
  const d = weekdayOf(today);
  // Today's weekday (Saturday for a Sunday): the demo mediator sees sessions today.
  const todayWeekday = d === 7 ? 6 : d;
  const other = todayWeekday === 4 ? 2 : 4;
  return [
    {
      fields: {
        [F.title]: "Premiers pas sur l'ordinateur", [F.theme]: "PrendreEnMainDuMateriel", [F.level]: "beginner", [F.capacity]: "8",
        [F.description]: "Allumer l'ordinateur, se servir de la souris et du clavier, ouvrir et fermer une fenêtre. On avance à votre rythme, sans jargon.",
        [F.audience]: "Adultes qui n'ont jamais ou presque jamais utilisé un ordinateur", [F.bring]: "Rien : les ordinateurs sont fournis.",
        [F.accessibility]: "Salle de plain-pied, accessible en fauteuil roulant.",
        ...weekly(todayWeekday, "14:00", "16:00"),
      },
      fill: "full", waiting: 3,
    },
    {
      fields: {
        [F.title]: "Créer son adresse e-mail", [F.theme]: "Email", [F.level]: "beginner", [F.capacity]: "6", [F.promotion]: "offer", [F.offerHours]: "24",
        [F.description]: "Créer une adresse e-mail, choisir un mot de passe solide, envoyer et lire ses premiers messages.",
        [F.bring]: "Votre téléphone portable (pour recevoir un code).",
        ...weekly(other, "10:00", "12:00"),
      },
      fill: "full", waiting: 2,
    },
    {
      fields: {
        [F.title]: "Parcours « Mon smartphone au quotidien »", [F.theme]: "PrendreEnMainDuMateriel", [F.level]: "beginner", [F.capacity]: "10", [F.registration]: "cycle",
        [F.description]: "Quatre séances pour prendre en main son smartphone : les réglages, les applications, les photos, les messages. L'inscription vaut pour les quatre.",
        [F.bring]: "Votre smartphone chargé et son code.",
        [F.frequency]: "weekly", [F.weekdays]: ["1"], [F.start]: "14:00", [F.end]: "16:00", [F.count]: "4",
      },
      fill: "half", startsIn: 3,
    },
    {
      fields: {
        [F.kind]: "dropin", [F.title]: "Permanence démarches en ligne", [F.theme]: "AideAuxDemarchesAdministratives", [F.registration]: "none", [F.capacity]: "",
        [F.description]: "Sans rendez-vous : un médiateur vous aide pour vos démarches sur internet (CAF, impôts, ameli, France Travail).",
        [F.bring]: "Vos identifiants et les papiers de la démarche.",
        ...weekly(todayWeekday, "09:00", "12:00"),
      },
    },
    {
      fields: {
        [F.kind]: "event", [F.title]: "Repair café numérique", [F.theme]: "MaintenanceDeMateriel", [F.registration]: "none", [F.capacity]: "",
        [F.description]: "Apportez votre ordinateur, votre tablette ou votre téléphone qui ne marche plus : des bénévoles cherchent la panne avec vous.",
        [F.frequency]: "once", [F.start]: "09:30", [F.end]: "12:30",
      },
    },
  ];
}

const otherPlaceSpecs: Spec[][] = [
  [
    { fields: { [F.title]: "Sécuriser son smartphone", [F.theme]: "SecuriteNumerique", [F.level]: "intermediate", [F.capacity]: "8", [F.description]: "Mots de passe, mises à jour, arnaques par SMS : les bons réflexes pour protéger son téléphone.", ...weekly(3, "14:00", "16:00") }, fill: "some" },
    { fields: { [F.title]: "Faire ses démarches sur ameli.fr", [F.theme]: "AideAuxDemarchesAdministratives", [F.level]: "beginner", [F.capacity]: "6", [F.description]: "Créer son compte ameli, télécharger une attestation, suivre ses remboursements.", [F.bring]: "Votre carte Vitale et votre téléphone.", ...weekly(5, "10:00", "12:00") }, fill: "full", waiting: 1 },
  ],
  [
    { fields: { [F.title]: "Découvrir l'intelligence artificielle", [F.theme]: "IntelligenceArtificielle", [F.level]: "intermediate", [F.capacity]: "12", [F.description]: "Ce que font les assistants comme ChatGPT ou Le Chat, à quoi ils servent, leurs limites et les précautions à prendre.", ...weekly(2, "18:00", "19:30", { [F.weeks]: "2" }) }, fill: "some" },
    { fields: { [F.title]: "Coding club (8-12 ans)", [F.theme]: "CreerAvecLeNumerique", [F.level]: "beginner", [F.capacity]: "10", [F.audience]: "Enfants de 8 à 12 ans", [F.description]: "Programmer un petit jeu avec Scratch, en équipe.", ...weekly(3, "14:00", "15:30", { [F.skipSchoolHolidays]: "oui" }) }, fill: "half" },
  ],
  [
    { fields: { [F.title]: "Bureautique : écrire une lettre avec un traitement de texte", [F.theme]: "Bureautique", [F.level]: "beginner", [F.capacity]: "8", [F.price]: "2", [F.description]: "Mettre en page une lettre, l'enregistrer, l'imprimer ou l'envoyer en PDF.", ...weekly(4, "14:00", "16:00") }, fill: "some" },
    { fields: { [F.kind]: "dropin", [F.title]: "Permanence emploi : CV et candidatures", [F.theme]: "InsertionProfessionnelle", [F.registration]: "none", [F.capacity]: "", [F.description]: "Sans rendez-vous : mettre à jour son CV, répondre à une offre, créer son espace France Travail.", ...weekly(2, "09:00", "12:00") } },
  ],
];

/** The mobile EPN's stops (villages of the Indre, the nearest a quarter of an hour from Vierzon) and when it comes. */
const STOPS: { label: string; address: string; commune: string; postcode: string; when: Record<string, string | string[]> }[] = [
  { label: "Place de la Mairie", address: "Place de la Mairie", commune: "Reuilly", postcode: "36260", when: { [F.frequency]: "monthly", [F.nth]: "1", [F.monthWeekday]: "1", [F.start]: "09:00", [F.end]: "12:00" } },
  { label: "Place de la République", address: "Place de la République", commune: "Vatan", postcode: "36150", when: { [F.frequency]: "weekly", [F.weekdays]: ["2"], [F.weeks]: "2", [F.start]: "14:00", [F.end]: "17:00" } },
  { label: "Place de la Collégiale", address: "Place de la Collégiale", commune: "Levroux", postcode: "36110", when: { [F.frequency]: "monthly", [F.nth]: "2", [F.monthWeekday]: "4", [F.start]: "09:00", [F.end]: "12:00" } },
  { label: "Parking de la salle des fêtes", address: "Rue de la Gare", commune: "Ardentes", postcode: "36120", when: { [F.frequency]: "monthly", [F.nth]: "-1", [F.monthWeekday]: "3", [F.start]: "14:00", [F.end]: "17:00" } },
];

/** Build a series input from form fields, as the staff's form would send it. */
function seriesInput(fields: Record<string, string | string[]>, options: { today: string; stopIds?: string[]; staffIds?: string[] }) {
  const values = { ...seriesToFormValues({}, { today: options.today }), [F.date]: options.today, [F.until]: addDays(options.today, DAYS_BEFORE + DAYS_AFTER), ...fields };
  if (fields[F.count]) values[F.until] = "";
  const parsed = parseForm(seriesSchema({ stopIds: options.stopIds ?? [], staffIds: options.staffIds ?? [] }), values);
  if (!parsed.ok) throw new Error(`demo series « ${String(fields[F.title])} »: ${JSON.stringify(parsed.errors)}`);
  return parsed.values;
}

/** Registrations as stored (no message): seats counted, the waiting in order, past sessions with attendance. */
async function fillSessions(db: Db, workshopId: string, spec: Spec, now: number, random: () => number): Promise<number> {
  const [series] = await db.select({ placeId: workshops.placeId, registration: workshops.registration, capacity: workshops.capacity }).from(workshops).where(eq(workshops.id, workshopId));
  if (!series || series.registration === "none" || !spec.fill) return 0;
  const sessions = await queryRows(db, sql`select id, starts_at, capacity from workshop_sessions where workshop_id = ${workshopId} order by starts_at`);
  let n = 0;
  const person = () => {
    n++;
    const phone = `+33639980${String(Math.floor(random() * 900) + 100)}`;
    return { firstName: NAMES[Math.floor(random() * NAMES.length)]!, phone, personKey: `${phone}-${workshopId.slice(0, 4)}-${n}` };
  };
  const seatsFor = (capacity: number) => (spec.fill === "full" ? capacity : spec.fill === "half" ? Math.ceil(capacity / 2) : Math.max(1, Math.floor(capacity / 3)));
  let made = 0;
  const insert = async (sessionId: string | null, status: "registered" | "waiting", past: boolean) => {
    const who = person();
    const [row] = await db
      .insert(workshopRegistrations)
      .values({ workshopId, sessionId, placeId: series.placeId, status, source: random() < 0.2 ? "desk" : "online", firstName: who.firstName, phone: who.phone, personKey: who.personKey, createdAt: new Date(now - 10 * 86_400_000) })
      .returning({ id: workshopRegistrations.id });
    made++;
    return { id: row!.id, past };
  };
  if (series.registration === "cycle") {
    const capacity = series.capacity ?? 10;
    const seated = seatsFor(capacity);
    for (let i = 0; i < seated; i++) await insert(null, "registered", false);
    for (let i = 0; i < (spec.waiting ?? 0); i++) await insert(null, "waiting", false);
    await db.execute(sql`update workshop_sessions set seats_taken = ${seated} where workshop_id = ${workshopId} and status = 'scheduled'`);
    return made;
  }
  for (const s of sessions) {
    const capacity = s.capacity === null ? 12 : Number(s.capacity);
    const past = new Date(s.starts_at as string).getTime() < now;
    const seated = past ? Math.max(1, capacity - 1) : seatsFor(capacity);
    const ids: string[] = [];
    for (let i = 0; i < seated; i++) ids.push((await insert(String(s.id), "registered", past)).id);
    if (!past) for (let i = 0; i < (spec.fill === "full" ? (spec.waiting ?? 0) : 0); i++) await insert(String(s.id), "waiting", false);
    await db.execute(sql`update workshop_sessions set seats_taken = ${seated}, walk_ins = ${past ? Math.floor(random() * 3) : 0} where id = ${String(s.id)}`);
    if (past && ids.length > 0) {
      await db.insert(workshopAttendance).values(ids.map((registrationId) => ({ sessionId: String(s.id), registrationId, attendance: random() < 0.85 ? ("present" as const) : ("absent" as const) })));
    }
  }
  return made;
}

/** Make the demo's workshops and the mobile EPN's stops again when they end less than three weeks ahead. Returns the series made. */
export async function seedDemoWorkshops(db: Db, now: number = Date.now()): Promise<number> {
  const demo = await demoPlaces(db);
  if (demo.length === 0) return 0;
  const [mobile] = await db
    .select({ id: places.id, itinerance: places.itinerance, timeZone: places.timeZone })
    .from(places)
    .innerJoin(placeNetworks, eq(placeNetworks.placeId, places.id))
    .where(and(ilike(places.name, MOBILE_EPN), inArray(placeNetworks.networkId, sql`(select id from networks where is_demo)`)))
    .limit(1);
  const placeIds = [...demo.map((p) => p.id), ...(mobile ? [mobile.id] : [])];
  const [horizon] = await queryRows(db, sql`select max(starts_at) as last from workshop_sessions where place_id in (${sql.join(placeIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (horizon?.last && new Date(horizon.last as string).getTime() > now + 21 * 86_400_000) return 0;
  // Demo data only: the old demo series go (their sessions, registrations and attendance with them).
  await db.delete(workshops).where(inArray(workshops.placeId, placeIds));

  const random = seededRandom(20_261_204);
  const since = new Date(now - DAYS_BEFORE * 86_400_000);
  const start = todayIn("Europe/Paris", since.getTime());
  const today = todayIn("Europe/Paris", now);
  const [mediator] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, DEMO_ACCOUNTS.mediator.email), eq(memberships.placeId, demo[0]!.id)));
  let made = 0;
  let registrations = 0;
  const make = async (placeId: string, spec: Spec, options: { stopIds?: string[]; staffIds?: string[] } = {}) => {
    const fields = { ...spec.fields };
    if (fields[F.frequency] === "once") fields[F.date] = addDays(today, 10);
    if (spec.startsIn !== undefined) fields[F.date] = addDays(today, spec.startsIn);
    const input = seriesInput(fields, { today: start, ...options });
    const result = await createSeries(db, { placeId, by: null, input, now: since });
    if (!result.ok) throw new Error(`demo series « ${input.title} »: ${JSON.stringify(result)}`);
    made++;
    registrations += await fillSessions(db, result.workshopId, spec, now, random);
  };
  const staff = mediator ? [mediator.id] : [];
  for (const spec of specsForDemoMediatorPlace(today)) await make(demo[0]!.id, { ...spec, fields: { ...spec.fields, [F.mediatorIds]: staff } }, { staffIds: staff });
  for (let i = 1; i < demo.length; i++) for (const spec of otherPlaceSpecs[(i - 1) % otherPlaceSpecs.length]!) await make(demo[i]!.id, spec);

  if (mobile) {
    if (!mobile.itinerance.includes("Itinérant")) await db.update(places).set({ itinerance: [...mobile.itinerance, "Itinérant"] }).where(eq(places.id, mobile.id));
    const existing = await listStops(db, { placeId: mobile.id });
    for (const stop of STOPS) {
      if (existing.some((s) => s.label === stop.label && s.commune === stop.commune)) continue;
      const added = await addStop(db, { placeId: mobile.id, values: { label: stop.label, address: stop.address, commune: stop.commune, postcode: stop.postcode, latitude: null, longitude: null }, actorUserId: null });
      if (added.kind !== "created") logger.warn({ stop: stop.commune, result: added.kind }, "demo stop not made");
    }
    const stops = await listStops(db, { placeId: mobile.id });
    const stopIds = stops.map((s) => s.id);
    for (const stop of STOPS) {
      const row = stops.find((s) => s.label === stop.label && s.commune === stop.commune);
      if (!row) continue;
      await make(mobile.id, {
        fields: {
          [F.kind]: "visit", [F.title]: `Le bus numérique à ${stop.commune}`, [F.registration]: "none", [F.capacity]: "", [F.location]: "stop", [F.stopId]: row.id,
          [F.description]: "Le bus de La Rur@linette s'arrête près de chez vous : ordinateurs, connexion et une médiatrice pour vos démarches et vos questions, sans rendez-vous.",
          ...stop.when,
        },
      }, { stopIds });
    }
    // Beginners' workshops held in the bus at two stops, with registration: found from Vierzon.
    const vatan = stops.find((s) => s.commune === "Vatan");
    if (vatan) {
      await make(mobile.id, {
        fields: {
          [F.title]: "Premiers pas sur l'ordinateur portable", [F.theme]: "PrendreEnMainDuMateriel", [F.level]: "beginner", [F.capacity]: "5", [F.location]: "stop", [F.stopId]: vatan.id,
          [F.description]: "Dans le bus numérique : allumer un ordinateur portable, le pavé tactile, le clavier, ouvrir une page internet. Ordinateurs fournis.",
          ...weekly(2, "10:00", "11:30", { [F.weeks]: "2" }),
        },
        fill: "full", waiting: 1,
      }, { stopIds });
    }
    const reuilly = stops.find((s) => s.commune === "Reuilly");
    if (reuilly) {
      await make(mobile.id, {
        fields: {
          [F.title]: "Premiers pas sur la tablette", [F.theme]: "PrendreEnMainDuMateriel", [F.level]: "beginner", [F.capacity]: "6", [F.location]: "stop", [F.stopId]: reuilly.id,
          [F.description]: "Dans le bus numérique : allumer une tablette, toucher, faire défiler, prendre une photo et l'envoyer. Tablettes fournies.",
          ...weekly(3, "10:00", "11:30", { [F.weeks]: "2" }),
        },
        fill: "some",
      }, { stopIds });
    }
  }
  logger.info({ series: made, registrations }, "demo workshops");
  return made;
}
