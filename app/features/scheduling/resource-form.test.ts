import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { centsToEuros, RESOURCE_FIELDS, resourceSchema, resourceToFormValues, typedResourceValues } from "./resource-form";
import { closureSchema, feedSchema, readDate, RevokeFeedSchema, SettingsSchema } from "./setup-forms";

const m = fr.resources.errors;
const MEDIATOR = "0f0e8a52-4c1d-4b7e-9a39-2b8f1e0b6c11";
const schema = resourceSchema({ staffIds: [MEDIATOR], timeZone: "Europe/Paris" });

/** A valid form (as a browser sends it: text, ticked boxes "oui", unticked ones absent), with changes. */
function form(changes: Record<string, string | null> = {}): FormData {
  const fd = new FormData();
  const values: Record<string, string | null> = { ...resourceToFormValues({ name: "Poste 1" }), ...changes };
  for (const [name, value] of Object.entries(values)) if (value !== null && value !== "" ) fd.set(name, value);
  return fd;
}

function errorsOf(changes: Record<string, string | null>) {
  const parsed = parseForm(schema, form(changes));
  if (parsed.ok) throw new Error("expected errors");
  return parsed.errors;
}

describe("resourceSchema", () => {
  it("reads a whole form into the resource's columns", () => {
    const parsed = parseForm(
      schema,
      form({
        type: "appointment", nom: "  Rendez-vous   numérique ", mediateur: MEDIATOR, motifs: "Démarches en ligne\r\n\r\n  Emploi, CV \nDémarches en ligne", duree_min: "30", duree_max: "90",
        grille: "15", horaires: "Mo-Fr 14:00-17:00", delai_min: "0", delai_max_jours: "30", max_jour: "1", max_semaine: "", max_minutes_jour: "120", battement: "10",
        prix: "2,5", en_ligne: null, confirmation: "oui", active: "oui",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      values: {
        kind: "appointment", name: "Rendez-vous   numérique", description: "", position: 0, staffUserId: MEDIATOR, reasons: ["Démarches en ligne", "Emploi, CV"],
        minMinutes: 30, maxMinutes: 90, gridMinutes: 15, hours: "Mo-Fr 14:00-17:00", minLeadMinutes: 0, maxLeadDays: 30, maxPerDay: 1, maxPerWeek: null,
        maxMinutesPerDay: 120, bufferMinutes: 10, priceCents: 250, publicOnline: false, needsConfirmation: true, requiresMembership: false, active: true,
      },
    });
  });

  it("keeps a mediator and reasons for appointments only; empty hours and price mean the place's hours and free", () => {
    const parsed = parseForm(schema, form({ type: "room", mediateur: MEDIATOR, motifs: "Réunion", horaires: "", prix: "" }));
    expect(parsed.ok && parsed.values).toMatchObject({ kind: "room", staffUserId: null, reasons: [], hours: null, priceCents: null, publicOnline: true, active: true });
  });

  it("reads « Réservé aux adhérents » (unticked by default) and fills it back", () => {
    expect(resourceToFormValues().adherents).toBe("");
    const parsed = parseForm(schema, form({ adherents: "oui" }));
    expect(parsed.ok && parsed.values.requiresMembership).toBe(true);
    expect(resourceToFormValues({ requiresMembership: true }).adherents).toBe("oui");
  });

  it("says in French what is wrong, next to each field", () => {
    expect(errorsOf({ type: "piano" })).toEqual({ type: m.kind });
    expect(errorsOf({ nom: "   " })).toEqual({ nom: m.nameEmpty });
    expect(errorsOf({ nom: "x".repeat(10_240) })).toEqual({ nom: m.nameLong });
    expect(errorsOf({ description: "x".repeat(2001) })).toEqual({ description: m.descriptionLong });
    expect(errorsOf({ type: "appointment", mediateur: "1d6c3f0e-9d44-4a4f-8f38-8a3b1f9a2d10" })).toEqual({ mediateur: m.mediatorUnknown });
    expect(errorsOf({ type: "appointment", motifs: "x".repeat(81) })).toEqual({ motifs: m.reasonLong });
    expect(errorsOf({ type: "appointment", motifs: Array.from({ length: 21 }, (_, i) => `Motif ${i}`).join("\n") })).toEqual({ motifs: m.reasonsTooMany });
    expect(errorsOf({ position: "-1" })).toEqual({ position: m.position });
  });

  it("refuses in words everything the database's CHECK constraints would", () => {
    // resources_length_check: min between 5 and 1440, max between min and 1440
    expect(errorsOf({ duree_min: "4" })).toEqual({ duree_min: m.minMinutes });
    expect(errorsOf({ duree_max: "1441" })).toEqual({ duree_max: m.maxMinutes });
    expect(errorsOf({ duree_min: "90", duree_max: "60" })).toEqual({ duree_max: m.maxBelowMin });
    expect(errorsOf({ duree_min: "90", duree_max: "60", nom: "", grille: "3" })).toEqual({ nom: m.nameEmpty, grille: m.gridMinutes, duree_max: m.maxBelowMin });
    expect(errorsOf({ duree_min: "" })).toEqual({ duree_min: m.minMinutes });
    expect(errorsOf({ duree_min: "1,5" })).toEqual({ duree_min: m.minMinutes });
    // resources_grid_check: 5–240
    expect(errorsOf({ grille: "4" })).toEqual({ grille: m.gridMinutes });
    expect(errorsOf({ grille: "241" })).toEqual({ grille: m.gridMinutes });
    // resources_lead_check
    expect(errorsOf({ delai_min: "-5" })).toEqual({ delai_min: m.minLeadMinutes });
    expect(errorsOf({ delai_max_jours: "0" })).toEqual({ delai_max_jours: m.maxLeadDays });
    expect(errorsOf({ delai_max_jours: "367" })).toEqual({ delai_max_jours: m.maxLeadDays });
    // resources_limits_check
    expect(errorsOf({ max_jour: "0" })).toEqual({ max_jour: m.maxPerDay });
    expect(errorsOf({ max_semaine: "0" })).toEqual({ max_semaine: m.maxPerWeek });
    expect(errorsOf({ max_minutes_jour: "4" })).toEqual({ max_minutes_jour: m.maxMinutesPerDay });
    // resources_buffer_check
    expect(errorsOf({ battement: "241" })).toEqual({ battement: m.bufferMinutes });
    // resources_price_check
    expect(errorsOf({ prix: "-2" })).toEqual({ prix: m.price });
    expect(errorsOf({ prix: "2,505" })).toEqual({ prix: m.price });
    expect(errorsOf({ prix: "10000,01" })).toEqual({ prix: m.price });
    // Numbers past PostgreSQL's integer are refused too
    expect(errorsOf({ delai_min: "99999999999" })).toEqual({ delai_min: m.minLeadMinutes });
  });

  it("checks bookable hours with the hours feature's parser", () => {
    const errors = errorsOf({ horaires: "lundi matin" });
    expect(errors.horaires).toMatch(/^Ces horaires ne sont pas au format OpenStreetMap\./);
    expect(errorsOf({ horaires: "Mo-Fr 09:00-12:00; ".repeat(30) })).toEqual({ horaires: m.hoursLong });
  });

  it("refuses a field sent twice in French, not with zod's English", () => {
    const fd = form();
    fd.append("grille", "15");
    const parsed = parseForm(schema, fd);
    expect(parsed).toEqual({ ok: false, errors: { grille: m.gridMinutes } });
  });

  it("fills the form back from a resource, and keeps what was typed", () => {
    expect(resourceToFormValues({ priceCents: 250, reasons: ["A", "B"], maxPerDay: null, publicOnline: false })).toMatchObject({ prix: "2,50", motifs: "A\nB", max_jour: "", en_ligne: "" });
    expect(centsToEuros(300)).toBe("3");
    const fd = new FormData();
    fd.set(RESOURCE_FIELDS.name, "y".repeat(10_000));
    expect(typedResourceValues(fd).nom).toHaveLength(4000);
    expect(typedResourceValues(fd).grille).toBe("");
  });
});

describe("the set-up page's other forms", () => {
  const parseSettings = (fields: Record<string, string>) => parseForm(SettingsSchema, { intent: "reglages", ...fields });

  it("booking settings: reminder 2–72 hours or none, deadline, no-show rule or none, retention", () => {
    expect(parseSettings({ rappel: "", delai_annulation: "0", absences: "", conservation: "90" })).toEqual({ ok: true, values: { reminderHours: null, cancelDeadlineHours: 0, noShowLimit: null, retentionDays: 90 } });
    expect(parseSettings({ rappel: "24", delai_annulation: "2", absences: "3", conservation: "30" })).toMatchObject({ ok: true, values: { reminderHours: 24, noShowLimit: 3 } });
    const s = fr.resources.settingsErrors;
    expect(parseSettings({ rappel: "1", delai_annulation: "169", absences: "21", conservation: "0" })).toEqual({
      ok: false,
      errors: { rappel: s.reminderHours, delai_annulation: s.cancelDeadlineHours, absences: s.noShowLimit, conservation: s.retentionDays },
    });
  });

  it("closure: whole place or one of its resources, dates typed or from a date field, in order, not past, a year at most", () => {
    const schema = closureSchema({ resourceIds: [MEDIATOR], today: "2026-12-10" });
    const c = fr.resources.closureErrors;
    expect(parseForm(schema, { intent: "fermeture", portee: "lieu", du: "24/12/2026", au: "2026-12-26", raison: " Fêtes " })).toEqual({
      ok: true, values: { resourceId: null, startsOn: "2026-12-24", endsOn: "2026-12-26", reason: "Fêtes" },
    });
    expect(parseForm(schema, { intent: "fermeture", portee: MEDIATOR, du: "2026-12-10", au: "2026-12-10" })).toMatchObject({ ok: true, values: { resourceId: MEDIATOR } });
    expect(parseForm(schema, { intent: "fermeture", portee: "autre", du: "31/02/2026", au: "" })).toEqual({ ok: false, errors: { portee: c.scope, du: c.date, au: c.date } });
    expect(parseForm(schema, { intent: "fermeture", portee: "lieu", du: "2026-12-20", au: "2026-12-19" })).toEqual({ ok: false, errors: { au: c.order } });
    expect(parseForm(schema, { intent: "fermeture", portee: "lieu", du: "2026-12-01", au: "2026-12-09" })).toEqual({ ok: false, errors: { au: c.past } });
    expect(parseForm(schema, { intent: "fermeture", portee: "lieu", du: "2026-12-10", au: "2028-01-01" })).toEqual({ ok: false, errors: { au: c.tooLong } });
    expect(parseForm(schema, { intent: "fermeture", portee: "lieu", du: "2026-12-10", au: "2026-12-10", raison: "x".repeat(201) })).toEqual({ ok: false, errors: { raison: c.reasonLong } });
    expect(readDate("1/2/2027")).toBe("2027-02-01");
  });

  it("feeds: the whole place or one of its staff; revoking names a feed", () => {
    const schema = feedSchema({ staffIds: [MEDIATOR] });
    expect(parseForm(schema, { intent: "agenda", pour: "lieu" })).toEqual({ ok: true, values: { userId: null } });
    expect(parseForm(schema, { intent: "agenda", pour: MEDIATOR })).toEqual({ ok: true, values: { userId: MEDIATOR } });
    expect(parseForm(schema, { intent: "agenda", pour: "1d6c3f0e-9d44-4a4f-8f38-8a3b1f9a2d10" })).toEqual({ ok: false, errors: { pour: fr.resources.feedErrors.for } });
    expect(parseForm(RevokeFeedSchema, { intent: "revoquer", flux: MEDIATOR })).toEqual({ ok: true, values: { feedId: MEDIATOR } });
    expect(parseForm(RevokeFeedSchema, { intent: "revoquer", flux: "x" }).ok).toBe(false);
  });
});
