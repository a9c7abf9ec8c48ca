/**
 * Every word a person reads, in French, in one place. Keys are English; values
 * are plain French (short sentences, no jargon).
 */
export const fr = {
  site: {
    name: "Réseau EPN",
    tagline: "Trouver un lieu près de chez vous pour être aidé avec le numérique",
    skipToContent: "Aller au contenu",
    mainNav: "Menu principal",
    navHome: "Accueil",
    navPlaces: "Tous les lieux",
    footer: "Réseau EPN — logiciel libre pour les réseaux d'Espaces Publics Numériques.",
    openData: "Données ouvertes (standard national)",
  },
  home: {
    title: "Trouver un lieu d'aide au numérique",
    intro: (network: string) => `Les lieux du réseau ${network} vous accueillent pour utiliser un ordinateur, imprimer un document ou être aidé dans vos démarches en ligne.`,
    counts: (placesCount: number, labelled: number) =>
      `${formatNumber(placesCount)} lieux référencés, dont ${formatNumber(labelled)} lieux labellisés par le réseau.`,
    searchLabel: "Votre commune, votre code postal ou le nom d'un lieu",
    searchButton: "Rechercher",
    noNetwork: "Aucun réseau n'est encore configuré.",
  },
  places: {
    title: "Les lieux",
    searchTitle: (q: string) => `Lieux pour « ${q} »`,
    count: (n: number) => (n === 0 ? "Aucun lieu trouvé." : n === 1 ? "1 lieu trouvé." : `${formatNumber(n)} lieux trouvés.`),
    empty: "Aucun lieu ne correspond à votre recherche. Essayez avec le nom de votre commune ou votre code postal, ou regardez tous les lieux.",
    seeAll: "Voir tous les lieux",
    pagination: "Pages de résultats",
    previous: "Page précédente",
    next: "Page suivante",
    pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    labelled: "Labellisé par le réseau",
  },
  place: {
    address: "Adresse",
    phone: "Téléphone",
    email: "Courriel",
    website: "Site internet",
    hours: "Horaires",
    hoursAsGiven: "Horaires (tels que le lieu les indique)",
    hoursUnknown: "Horaires non renseignés. Téléphonez avant de vous déplacer.",
    services: "Ce que vous pouvez y faire",
    fees: "Tarifs",
    accessModes: "Comment y aller",
    supportModes: "Comment vous êtes aidé",
    publics: "Publics accueillis en priorité",
    specificSupport: "Accompagnement adapté",
    labels: "Labels",
    programs: "Dispositifs nationaux",
    updatedOn: (date: string) => `Informations mises à jour le ${date}.`,
    source: (source: string) => `Source : ${source}.`,
    backToList: "Retour à la liste des lieux",
    equipment: "Équipement",
    computers: (n: number) => (n === 1 ? "1 ordinateur" : `${n} ordinateurs`),
    laptops: (n: number) => (n === 1 ? "1 ordinateur portable" : `${n} ordinateurs portables`),
    tablets: (n: number) => (n === 1 ? "1 tablette" : `${n} tablettes`),
    printers: (n: number) => (n === 1 ? "1 imprimante" : `${n} imprimantes`),
    printers3d: (n: number) => (n === 1 ? "1 imprimante 3D" : `${n} imprimantes 3D`),
    itinerant: "Lieu itinérant : il se déplace, vérifiez où il se trouve avant de venir.",
    coordinatesFromCommune: "Position approximative (centre de la commune).",
  },
  errors: {
    notFoundTitle: "Page introuvable",
    notFound: "Cette page n'existe pas ou a été déplacée.",
    placeNotFound: "Ce lieu n'existe pas ou n'est plus publié.",
    serverTitle: "Une erreur est survenue",
    server: "Le service a rencontré un problème. Réessayez dans quelques instants.",
    backHome: "Retour à l'accueil",
    badRequest: "Requête invalide",
  },
} as const;

const numberFormat = new Intl.NumberFormat("fr-FR");
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "2024-04-02" → "2 avril 2024" */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}
