/**
 * The national activity themes (« thématiques ») of La Coop de la médiation numérique, the
 * mediators' national tool: the value stored in `workshops.theme` is the code, the label is what a
 * person reads. Only the main themes; the administrative sub-themes (shown by La Coop under
 * « Aide aux démarches administratives ») are left out.
 *
 * Source: /work/shared/reference/mednum/FIELDS.md appendix C (`inclusion-numerique/coop-mediation-numerique`
 * @ 46aa33b, `apps/web/prisma/schema.prisma`, enum Thematique, and its labels).
 */
export const WORKSHOP_THEMES = {
  DiagnosticNumerique: "Diagnostic numérique",
  PrendreEnMainDuMateriel: "Prendre en main du matériel",
  MaintenanceDeMateriel: "Maintenance de matériel",
  GereSesContenusNumeriques: "Gérer ses contenus numériques",
  NavigationSurInternet: "Navigation sur internet",
  Email: "E-mail",
  Bureautique: "Bureautique",
  ReseauxSociaux: "Réseaux sociaux communication",
  Sante: "Santé",
  BanqueEtAchatsEnLigne: "Banque et achats en ligne",
  Entrepreneuriat: "Accompagner un professionnel",
  InsertionProfessionnelle: "Insertion professionnelle",
  SecuriteNumerique: "Prévention en sécurité numérique",
  Parentalite: "Parentalité",
  ScolariteEtNumerique: "Scolarité et numérique",
  CreerAvecLeNumerique: "Créer avec le numérique",
  CultureNumerique: "Culture numérique",
  IntelligenceArtificielle: "Intelligence artificielle (IA)",
  AideAuxDemarchesAdministratives: "Aide aux démarches administratives",
} as const satisfies Record<string, string>;

export type WorkshopTheme = keyof typeof WORKSHOP_THEMES;

/** The codes in the order La Coop shows them (for a select and for zod's enum). */
export const WORKSHOP_THEME_CODES = Object.keys(WORKSHOP_THEMES) as [WorkshopTheme, ...WorkshopTheme[]];

export function isWorkshopTheme(value: unknown): value is WorkshopTheme {
  return typeof value === "string" && Object.hasOwn(WORKSHOP_THEMES, value);
}

/** The French label of a theme code; undefined for an unknown or missing code (an old value, a typo in an import). */
export function workshopThemeLabel(code: string | null | undefined): string | undefined {
  return isWorkshopTheme(code) ? WORKSHOP_THEMES[code] : undefined;
}
