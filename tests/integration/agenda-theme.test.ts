/**
 * The agenda's theme filter reads the sessions' copy of their series' theme
 * (workshop_sessions.theme, index workshop_sessions_theme_idx): the series commands write it when
 * they make sessions (create, edit all, add one), and a theme edited on the series (edit all) reaches
 * every session of it — detached, cancelled and past ones too. Both databases.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { workshopSessions } from "~/db/schema";
import { createPlace, createStaffUser, createWorkshop } from "~/features/demo/factories.server";
import { parseForm } from "~/lib/forms";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { parseAgendaQuery } from "~/features/workshops/agenda-query";
import { searchAgenda } from "~/features/workshops/agenda.server";
import { SERIES_FIELDS as F, seriesSchema, seriesToFormValues, type SeriesInput } from "~/features/workshops/series-form";
import { addSession, createSeries, updateSeries } from "~/features/workshops/series.server";
import { createTestDatabase } from "../support/database";

let database: Database;
const now = new Date();
const today = todayIn("Europe/Paris", now);
const ids = { place: "", manager: "" };

/** A weekly series from tomorrow for three weeks, Monday to Friday at 14 h, with the theme given ("" none). */
function input(theme: string): SeriesInput {
  const values = {
    ...seriesToFormValues({ title: "Accompagner la scolarité en ligne" }, { today: addDays(today, 1) }),
    [F.theme]: theme, [F.weekdays]: ["1", "2", "3", "4", "5"], [F.until]: addDays(today, 21), [F.skipPublicHolidays]: "",
  };
  const parsed = parseForm(seriesSchema({ stopIds: [], staffIds: [] }), values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.values;
}

/** The session ids the agenda lists for a theme (its first 100 over the default 30 days). */
async function listed(theme: string): Promise<string[]> {
  const { query } = parseAgendaQuery(new URLSearchParams({ theme }), today);
  return (await searchAgenda(database.db, query, { now, perPage: 100 })).entries.map((e) => e.sessionId);
}

async function themesOf(workshopId: string): Promise<(string | null)[]> {
  const rows = await database.db.select({ theme: workshopSessions.theme }).from(workshopSessions).where(eq(workshopSessions.workshopId, workshopId));
  return rows.map((r) => r.theme);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  ids.place = (await createPlace(db, { name: "Espace numérique de Mehun" })).id;
  ids.manager = (await createStaffUser(db, { role: "manager", placeId: ids.place })).id;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("the sessions' copy of the series' theme", () => {
  it("is written by the factory", async () => {
    const { workshop, sessionIds } = await createWorkshop(database.db, { placeId: ids.place, theme: "Sante", sessions: [new Date(now.getTime() + 86_400_000)] });
    expect(await themesOf(workshop.id)).toEqual(["Sante"]);
    expect(await listed("Sante")).toEqual(sessionIds);
  });

  it("follows the series: created, a session added, edited (all), emptied", async () => {
    const { db } = database;
    const created = await createSeries(db, { placeId: ids.place, by: ids.manager, input: input("Parentalite"), now });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const workshopId = created.workshopId;
    expect(created.sessions).toBeGreaterThan(5);
    const sessions = await db.select({ id: workshopSessions.id }).from(workshopSessions).where(eq(workshopSessions.workshopId, workshopId));
    expect((await listed("Parentalite")).sort()).toEqual(sessions.map((s) => s.id).sort());

    // One more, detached; one cancelled; one in the past (as a session that took place).
    const added = await addSession(db, { placeId: ids.place, workshopId, by: ids.manager, date: addDays(today, 25), startMinute: 600, endMinute: 660, now });
    if (!added.ok) throw new Error(JSON.stringify(added));
    expect(await listed("Parentalite")).toContain(added.sessionId);
    const cancelled = sessions[0]!.id;
    await queryRows(db, sql`update workshop_sessions set status = 'cancelled', cancelled_at = now() where id = ${cancelled}`);
    await queryRows(db, sql`
      insert into workshop_sessions (workshop_id, place_id, theme, starts_at, ends_at, capacity)
      values (${workshopId}, ${ids.place}, 'Parentalite', now() - interval '8 days', now() - interval '8 days' + interval '2 hours', 8)`);
    expect(await listed("Parentalite")).not.toContain(cancelled);
    expect(new Set(await themesOf(workshopId))).toEqual(new Set(["Parentalite"]));

    // Edit all, the theme only: every session takes it, the detached, cancelled and past ones too.
    const edited = await updateSeries(db, { placeId: ids.place, workshopId, by: ids.manager, input: input("ScolariteEtNumerique"), now });
    expect(edited).toMatchObject({ ok: true, added: 0, removed: 0 });
    expect(new Set(await themesOf(workshopId))).toEqual(new Set(["ScolariteEtNumerique"]));
    expect(await listed("Parentalite")).toEqual([]);
    const scolarite = await listed("ScolariteEtNumerique");
    expect(scolarite).toContain(added.sessionId);
    expect(scolarite).toHaveLength(sessions.length); // all but the cancelled, with the added one

    // No theme: no session keeps one.
    expect(await updateSeries(db, { placeId: ids.place, workshopId, by: ids.manager, input: input(""), now })).toMatchObject({ ok: true });
    expect(new Set(await themesOf(workshopId))).toEqual(new Set([null]));
    expect(await listed("ScolariteEtNumerique")).toEqual([]);
    // The other series keeps its own.
    expect(await listed("Sante")).toHaveLength(1);
  });

  it("has its index, made by the migration", async () => {
    const index = await queryRows(database.db, sql`
      select indexname from pg_indexes where tablename = 'workshop_sessions' and indexname = 'workshop_sessions_theme_idx'`);
    expect(index).toHaveLength(1);
  });
});
