/** French words of memberships: the rule when booking or registering, the members page, the reminder (part of the `fr` catalogue). */

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const call = (phone: string) => (phone ? `passez à l'accueil ou appelez le ${phone}` : "passez à l'accueil du lieu");

export const memberships = {
  // The rule
  membersOnly: "Réservé aux adhérents",
  membersOnlyHint: "Seuls les adhérents de l'EPN peuvent réserver ou s'inscrire en ligne.",
  resourceRefused: (phone: string) => `Cette réservation est ouverte aux adhérents de l'EPN seulement. Pour adhérer, ${call(phone)}.`,
  workshopRefused: (phone: string) => `Cet atelier est réservé aux adhérents de l'EPN. Pour adhérer, ${call(phone)}.`,
  deskRefused: "Cette personne n'est pas adhérente : aucune adhésion en cours avec ce téléphone ou cette adresse e-mail. Vérifiez ses coordonnées ; un responsable du lieu peut passer outre les règles.",
  deskWorkshopRefused: "Cette personne n'est pas adhérente : aucune adhésion en cours avec ce téléphone ou cette adresse e-mail. Vérifiez ses coordonnées, ou faites-la adhérer à la caisse avant de l'inscrire.",
  // The person's page
  memberUntil: (date: string) => `Adhérent jusqu'au ${date}`,
  // The members page
  backToPlace: "Retour à la fiche du lieu",
  pageTitle: "Adhérents",
  link: "Les adhérents (en cours, bientôt à renouveler, anciens)",
  intro: "Les personnes suivies qui ont adhéré à l'EPN. Une adhésion se vend à la caisse ; l'annuler annule l'adhésion.",
  tabs: { active: "En cours", ending: "Finissent dans le mois", expired: "Finies depuis moins de 3 mois" } as Record<"active" | "ending" | "expired", string>,
  columns: { name: "Personne", since: "Depuis le", until: "Jusqu'au", category: "Tarif" },
  normalRate: "Plein tarif",
  none: {
    active: "Aucune adhésion en cours.",
    ending: "Aucune adhésion ne finit dans le mois.",
    expired: "Aucune adhésion finie depuis moins de 3 mois.",
  } as Record<"active" | "ending" | "expired", string>,
  count: (n: number) => `${n} ${plural(n, "personne", "personnes")}`,
  // The reminder
  mail: {
    subject: (place: string) => `Votre adhésion à ${place} se termine bientôt`,
    text: (firstName: string, place: string, until: string, phone: string) =>
      [
        `Bonjour ${firstName},`,
        "",
        `Votre adhésion à ${place} se termine le ${until}.`,
        `Pour la renouveler, ${call(phone)}.`,
        "",
        "À bientôt,",
        `L'équipe de ${place}`,
      ].join("\n"),
  },
  sms: (place: string, until: string) => `${place} : votre adhésion se termine le ${until}. Pour la renouveler, passez à l'accueil.`,
} as const;
