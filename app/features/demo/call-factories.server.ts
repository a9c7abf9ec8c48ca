/**
 * Calls for projects for tests and the demo: the « Web O Centre » form (eligibility, a question
 * shown on an earlier answer, numbers, a budget, a file) and its grid, and a call published
 * with them through the real functions (a frozen version 1).
 */
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { calls } from "~/db/schema";
import { createCall, publishCall, type CallRow } from "~/features/calls/calls.server";
import type { CallForm, Grid } from "~/features/calls/form-types";

export const INCLUSION = "Inclusion sociale";
export const INNOVATION = "Innovation territoriale";

export const SAMPLE_FORM: CallForm = {
  sections: [
    {
      id: "s1",
      title: "Le lieu",
      description: "Ce qui permet de savoir si le lieu peut candidater.",
      questions: [
        { id: "q1", type: "yes_no", label: "Le lieu est-il ouvert au public au moins 20 heures par semaine ?", required: true, eligibility: { accepted: ["oui"], reason: "L'appel est réservé aux lieux ouverts au public au moins 20 heures par semaine." } },
        { id: "q2", type: "single_choice", label: "Thème principal du projet", required: true, options: [INCLUSION, INNOVATION] },
        { id: "q3", type: "long_text", label: "Comment travaillez-vous avec le service public de l'emploi ?", help: "Agence France Travail, mission locale : ateliers, orientations, permanences.", required: true, condition: { questionId: "q2", anyOf: [INCLUSION] } },
        { id: "q4", type: "number", label: "Nombre de postes en accès libre", required: true, min: 0, max: 200 },
      ],
    },
    {
      id: "s2",
      title: "Le projet et son budget",
      questions: [
        { id: "q5", type: "long_text", label: "Votre projet pour les trois ans du label", required: true, max: 5000 },
        { id: "q6", type: "multiple_choice", label: "Publics visés", required: false, options: ["Demandeurs d'emploi", "Seniors", "Jeunes", "Familles", "Entreprises et associations"] },
        { id: "q7", type: "budget", label: "Budget prévisionnel de la première année", required: true },
        { id: "q8", type: "amount", label: "Subvention demandée", required: false },
        { id: "q9", type: "date", label: "Date de démarrage prévue", required: false },
        { id: "q10", type: "file", label: "Délibération ou statuts de la structure porteuse", help: "Un PDF de préférence.", required: true },
      ],
    },
  ],
};

export const SAMPLE_GRID: Grid = {
  scale: 5,
  criteria: [
    { id: "c1", label: "Ancrage territorial et publics", weight: 3 },
    { id: "c2", label: "Partenariats (emploi, collectivités)", weight: 2 },
    { id: "c3", label: "Solidité du budget", weight: 1 },
  ],
};

export async function createPublishedCall(
  db: Db,
  options: { networkId: string; actorUserId: string; title?: string; opensAt?: Date; closesAt?: Date; labelValidUntil?: string; label?: string; reviewsRequired?: number; reviewsHidden?: boolean; form?: CallForm; grid?: Grid; publish?: boolean },
): Promise<CallRow> {
  const opensAt = options.opensAt ?? new Date(Date.now() - 30 * 86_400_000);
  const closesAt = options.closesAt ?? new Date(Date.now() + 30 * 86_400_000);
  const call = await createCall(db, {
    networkId: options.networkId,
    actorUserId: options.actorUserId,
    form: options.form ?? SAMPLE_FORM,
    grid: options.grid ?? SAMPLE_GRID,
    settings: {
      titre: options.title ?? "Web O Centre 2017-2020",
      description: "Appel à projets du contrat de plan État-Région pour labelliser les espaces publics numériques.",
      themes: [INCLUSION, INNOVATION],
      financeurs: ["État", "Région Centre-Val de Loire"],
      ouverture: "2000-01-01",
      cloture: "2000-01-02",
      cloture_heure: "12:00",
      public: "network",
      label: options.label ?? "Web O Centre",
      label_fin: options.labelValidUntil ?? "2030-12-31",
      avis_requis: options.reviewsRequired ?? 1,
      avis_caches: options.reviewsHidden ?? true,
      signataire: "Claire Martin",
      signataire_titre: "Directrice du groupement d'intérêt public",
    },
  });
  // The dates as given (the settings form speaks in days on France's clock).
  await db.update(calls).set({ opensAt, closesAt }).where(eq(calls.id, call.id));
  if (options.publish !== false) await publishCall(db, { callId: call.id, actorUserId: options.actorUserId });
  const [row] = await db.select().from(calls).where(eq(calls.id, call.id));
  return row!;
}
