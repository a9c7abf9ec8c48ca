/**
 * The demo's till, at the first two demo places: tariffs (prints, copies, scans, 3D printing,
 * station time beyond a free hour, workshops, the yearly membership) with reduced rates for job
 * seekers and students, a free allowance of 10 pages a day for members and a price change
 * announced for the 1st of January; then a month of sales through the feature's own commands —
 * memberships, top-ups, prints paid by credit, a correction — with each day opened and closed
 * (two with an explained difference), the last working day before today left open for the
 * manager to close, and today open with a few morning sales. Made once.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { beneficiaries, cashDays, memberships, places, salesSettings, users } from "~/db/schema";
import { consentWording } from "~/features/mediation/consent";
import { cashDaySummary, closeCashDay, openCashDay } from "~/features/sales/cash-days.server";
import { cancelSale, recordSale, type SaleLineInput } from "~/features/sales/sales.server";
import { addDays, weekdayOf, type IsoDate } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { toInstant } from "~/features/time/zone";
import { logger } from "~/lib/logger";
import { seededRandom } from "~/lib/random";
import { demoPlaces } from "./demo-scheduling.server";
import { DEMO_ACCOUNTS } from "./demo.server";
import { createPriceCategory, createTariffItem } from "./factories.server";

const DAYS = 30;
const ZONE = "Europe/Paris";
const at = (day: IsoDate, minutes: number) => new Date(toInstant(ZONE, { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)), hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }));

async function tariffOf(db: Db, placeId: string, name: string, nextYear: string) {
  const jobSeekers = await createPriceCategory(db, { placeId, name: "Demandeurs d'emploi" });
  const students = await createPriceCategory(db, { placeId, name: "Étudiants" });
  const reduced = (normal: number, low: number) => [{ unitPriceCents: normal }, { categoryId: jobSeekers.id, unitPriceCents: low }, { categoryId: students.id, unitPriceCents: low }];
  const item = (position: number, given: Omit<Parameters<typeof createTariffItem>[1], "placeId">) => createTariffItem(db, { ...given, placeId, position });
  const items = {
    print: await item(1, { kind: "print", name: "Impression noir et blanc A4", unit: "page", allowanceQuantity: 10, allowancePeriod: "day", prices: reduced(15, 10) }),
    colour: await item(2, { kind: "print", name: "Impression couleur A4", unit: "page", prices: [...reduced(50, 30), { unitPriceCents: 60, validFrom: nextYear }] }),
    copy: await item(3, { kind: "copy", name: "Photocopie noir et blanc A4", unit: "page", prices: reduced(15, 10) }),
    scan: await item(4, { kind: "scan", name: "Numérisation", unit: "page", prices: [{ unitPriceCents: 10 }] }),
    print3d: await item(5, { kind: "print3d", name: "Impression 3D (au gramme de filament)", unit: "gram", prices: [{ unitPriceCents: 10 }] }),
    station: await item(6, { kind: "station", name: "Poste informatique au-delà d'une heure par jour", unit: "hour", allowanceQuantity: 1, allowancePeriod: "day", allowanceMembersOnly: false, prices: [{ unitPriceCents: 100 }] }),
    workshop: await item(7, { kind: "workshop", name: "Atelier", unit: "item", prices: reduced(200, 100) }),
    membership: await item(8, { kind: "membership", name: "Adhésion annuelle", unit: "period", membershipMonths: 12, prices: reduced(1000, 500) }),
  };
  await db.insert(salesSettings).values({ placeId, cashOfficeName: `Régie de recettes — ${name}`, receiptFooter: "Reçu à conserver. Aucune TVA n'est facturée sur ce service public." }).onConflictDoNothing();
  return { items, categories: [jobSeekers.id, students.id] };
}

/** The demo's tariffs and a month of sales at the first two demo places (once). */
export async function seedDemoSales(db: Db, now: number = Date.now()): Promise<number> {
  const demo = (await demoPlaces(db)).slice(0, 2);
  if (demo.length === 0) return 0;
  const [done] = await db.select({ id: cashDays.id }).from(cashDays).where(inArray(cashDays.placeId, demo.map((p) => p.id))).limit(1);
  if (done) return 0;
  const today = todayIn(ZONE, now);
  const nextYear = `${Number(today.slice(0, 4)) + 1}-01-01`;
  const random = seededRandom(20_261_213);
  const [mediator] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, DEMO_ACCOUNTS.mediator.email), eq(memberships.placeId, demo[0]!.id)));
  let count = 0;
  for (const [index, place] of demo.entries()) {
    const [{ name: placeName }] = (await db.select({ name: places.name }).from(places).where(eq(places.id, place.id))) as [{ name: string }];
    const { items, categories } = await tariffOf(db, place.id, placeName, nextYear);
    const actor = index === 0 ? (mediator?.id ?? null) : null;
    // People who pay as members: the first place's followed people, or a few made here with their consent.
    let people = await db
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(and(eq(beneficiaries.placeId, place.id), isNull(beneficiaries.anonymisedAt)))
      .limit(16);
    if (people.length < 6) {
      const wording = consentWording({ placeName: placeName, retentionMonths: 12 });
      const consentAt = at(addDays(today, -DAYS - 5), 600);
      people = await db
        .insert(beneficiaries)
        .values(["Odile", "Karim", "Solène", "Hervé", "Aminata", "Julien"].map((firstName, i) => ({ placeId: place.id, firstName, lastName: ["V.", "H.", "N.", "S.", "F.", "A."][i]!, consentWording: wording, consentAt, createdAt: consentAt, lastActivityAt: consentAt })))
        .returning({ id: beneficiaries.id });
    }
    const joined: string[] = [];
    const withCredit: string[] = [];
    let cancelDone = false;
    const lastWorkingDay = [1, 2, 3, 4, 5, 6].map((d) => addDays(today, -d)).find((d) => weekdayOf(d) !== 7)!;
    for (let d = DAYS; d >= 0; d--) {
      const day = addDays(today, -d);
      // Closed on Sundays, but today is always open: the demo shows a day to sell in.
      if (weekdayOf(day) === 7 && d !== 0) continue;
      const opening = new Date(Math.min(at(day, 9 * 60).getTime(), now));
      await openCashDay(db, { placeId: place.id, openingFloatCents: 5000, actorUserId: actor, now: opening });
      const sales = d === 0 ? 3 : 4 + Math.floor(random() * 7);
      for (let s = 0; s < sales; s++) {
        const when = at(day, 9 * 60 + 15 + s * Math.floor((d === 0 ? 120 : 480) / sales));
        // Today's morning sales only once they are past.
        if (when.getTime() > now) break;
        const roll = random();
        let person: string | null = null;
        let lines: SaleLineInput[];
        let method: "cash" | "cheque" | "card" | "credit" = random() < 0.6 ? "cash" : random() < 0.5 ? "card" : "cheque";
        let categoryId: string | null = null;
        if (roll < 0.12 && joined.length < people.length) {
          person = people[joined.length]!.id;
          joined.push(person);
          if (random() < 0.3) categoryId = categories[0]!;
          lines = [{ itemId: items.membership.id, quantity: 1 }];
        } else if (roll < 0.2 && joined.length > 0) {
          person = joined[Math.floor(random() * joined.length)]!;
          withCredit.push(person);
          lines = [{ topupCents: [500, 1000, 2000][Math.floor(random() * 3)]! }];
          method = random() < 0.5 ? "cash" : "card";
        } else if (roll < 0.3 && withCredit.length > 0) {
          person = withCredit[Math.floor(random() * withCredit.length)]!;
          lines = [{ itemId: items.print.id, quantity: 5 + Math.floor(random() * 20) }];
          method = "credit";
        } else if (roll < 0.55 && joined.length > 0) {
          person = joined[Math.floor(random() * joined.length)]!;
          lines = [{ itemId: items.print.id, quantity: 2 + Math.floor(random() * 18) }];
        } else if (roll < 0.7) {
          lines = [{ itemId: items.copy.id, quantity: 1 + Math.floor(random() * 10) }, ...(random() < 0.3 ? [{ itemId: items.scan.id, quantity: 2 }] : [])];
        } else if (roll < 0.8) {
          lines = [{ itemId: items.colour.id, quantity: 1 + Math.floor(random() * 6) }];
        } else if (roll < 0.87) {
          lines = [{ itemId: items.station.id, quantity: 2 }];
        } else if (roll < 0.93) {
          lines = [{ itemId: items.workshop.id, quantity: 1 }];
        } else {
          lines = [{ itemId: items.print3d.id, quantity: 20 + Math.floor(random() * 80) }];
        }
        const sold = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: person, categoryId, paymentMethod: method, lines, now: when });
        if (sold.kind === "sold") count++;
        else if (sold.kind === "insufficient-credit") {
          const paid = await recordSale(db, { placeId: place.id, actorUserId: actor, beneficiaryId: person, categoryId, paymentMethod: "cash", lines, now: when });
          if (paid.kind === "sold") count++;
        }
        if (sold.kind === "sold" && !cancelDone && d <= 12 && method === "cash") {
          await cancelSale(db, { placeId: place.id, saleId: sold.saleId, reason: "Erreur de saisie : mauvaise quantité", actorUserId: actor, now: new Date(when.getTime() + 5 * 60_000) });
          cancelDone = true;
        }
      }
      if (d === 0 || (index === 0 && day === lastWorkingDay)) continue;
      const short = d % 11 === 5 ? 20 : 0;
      const expected = (await cashDaySummary(db, { placeId: place.id, date: day }))!.expectedCashCents;
      await closeCashDay(db, {
        placeId: place.id, date: day, countedCashCents: expected - short, reason: short ? "Monnaie rendue en trop sur une photocopie" : "", actorUserId: actor, now: at(day, 18 * 60 + 30),
      });
    }
  }
  logger.info({ sales: count }, "demo sales");
  return count;
}
