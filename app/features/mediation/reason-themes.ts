/**
 * The national themes a booking's reason points to (« Démarches en ligne » → « Aide aux démarches
 * administratives »), to prefill a record: a reason is free words chosen by the place, so only
 * clear words count, and the mediator corrects the rest. Pure.
 */
import { type CoopTheme } from "~/db/schema/mediation";
import { THEME_LABELS } from "./coop-model";

/** Word stems (accents and case ignored) → theme. The first matches of the reason win, in order. */
const KEYWORDS: readonly [RegExp, CoopTheme][] = [
  [/\b(demarche|administrati|impot|caf\b|ants|papiers?|carte grise|retraite en ligne)/, "AideAuxDemarchesAdministratives"],
  [/\b(emploi|cv\b|candidature|france travail|pole emploi|entretien d.embauche|lettre de motivation)/, "InsertionProfessionnelle"],
  [/\b(e-?mails?|courriels?|messagerie|boite mail)/, "Email"],
  [/\b(smartphone|telephone|tablette|ordinateur|prendre en main|clavier|souris)/, "PrendreEnMainDuMateriel"],
  [/\b(banque|achats?|paiement|payer)/, "BanqueEtAchatsEnLigne"],
  [/\b(sante|ameli|doctolib|mutuelle)/, "Sante"],
  [/\b(bureautique|traitement de texte|word|tableur|excel)/, "Bureautique"],
  [/\b(reseaux sociaux|facebook|whatsapp|instagram)/, "ReseauxSociaux"],
  [/\b(securite|arnaque|piratage|mot de passe)/, "SecuriteNumerique"],
  [/\b(photos?|fichiers?|cloud|sauvegarde)/, "GereSesContenusNumeriques"],
  [/\b(internet|navigat|recherche en ligne)/, "NavigationSurInternet"],
  [/\b(scolarite|ent\b|pronote|parcoursup)/, "ScolariteEtNumerique"],
  [/\b(impression 3d|fablab|code|programmation)/, "CreerAvecLeNumerique"],
  [/\b(intelligence artificielle|chatgpt|\bia\b)/, "IntelligenceArtificielle"],
];

const plain = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

export function themesOfReason(reason: string): CoopTheme[] {
  const words = plain(reason);
  if (words.trim() === "") return [];
  const found: CoopTheme[] = [];
  // A theme's own label, as La Coop writes it, counts first.
  for (const [code, label] of Object.entries(THEME_LABELS) as [CoopTheme, string][]) if (words.includes(plain(label))) found.push(code);
  for (const [pattern, theme] of KEYWORDS) if (pattern.test(words) && !found.includes(theme)) found.push(theme);
  return found.slice(0, 3);
}
