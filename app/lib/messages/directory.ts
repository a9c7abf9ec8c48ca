/** French words of the public directory: home, search, results, map, plain words for the standard's values (part of the `fr` catalogue, app/lib/messages/index.ts). */
import { formatNumber } from "./format";

export const home = {
  title: "Trouver un lieu d'aide au numérique",
  intro: (network: string) => `Les lieux du réseau ${network} vous accueillent pour utiliser un ordinateur, imprimer un document ou être aidé dans vos démarches en ligne.`,
  counts: (placesCount: number, labelled: number) =>
    `${formatNumber(placesCount)} lieux référencés, dont ${formatNumber(labelled)} lieux labellisés par le réseau.`,
  searchLabel: "Votre commune, votre code postal ou le nom d'un lieu",
  searchButton: "Rechercher",
  noNetwork: "Aucun réseau n'est encore configuré.",
  quickTitle: "Je cherche de l'aide pour…",
  quick: [
    { label: "Mes démarches administratives en ligne", service: "Aide aux démarches administratives" },
    { label: "Chercher un emploi, faire un CV", service: "Insertion professionnelle via le numérique" },
    { label: "Imprimer ou scanner un document", service: "Accès internet et matériel informatique" },
    { label: "Apprendre à utiliser un ordinateur ou un smartphone", service: "Maîtrise des outils numériques du quotidien" },
  ],
  aroundMeHint: "Ou cherchez autour de vous :",
};

export const places = {
  title: "Les lieux",
  searchTitle: (q: string) => `Lieux pour « ${q} »`,
  count: (n: number) => (n === 0 ? "Aucun lieu trouvé." : n === 1 ? "1 lieu trouvé." : `${formatNumber(n)} lieux trouvés.`),
  countMore: (n: number) => `Plus de ${formatNumber(n)} lieux trouvés.`,
  empty: "Aucun lieu ne correspond à votre recherche. Essayez avec le nom de votre commune ou votre code postal, ou regardez tous les lieux.",
  seeAll: "Voir tous les lieux",
  pagination: "Pages de résultats",
  previous: "Page précédente",
  next: "Page suivante",
  pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
  pageNumber: (page: number) => `Page ${page}`,
  labelled: "Labellisé par le réseau",
};

export const directory = {
  title: "Trouver un lieu",
  resultsNear: (label: string) => `Lieux près de ${label}`,
  resultsFor: (text: string) => `Lieux dont le nom contient « ${text} »`,
  allPlaces: "Tous les lieux",
  nearestFirst: "Les plus proches d'abord.",
  /** Around a position, when more places follow on the next pages (they are not counted). */
  nearest: (n: number, km?: number) => `${n === 1 ? "Le lieu le plus proche" : `Les ${formatNumber(n)} lieux les plus proches`}${km ? `, à moins de ${formatNumber(km)} km` : ""}.`,
  countWithin: (n: number, km: number) => `${n === 0 ? "Aucun lieu trouvé" : n === 1 ? "1 lieu trouvé" : `${formatNumber(n)} lieux trouvés`} à moins de ${formatNumber(km)} km.`,
  nearestPage: (page: number) => `Page ${page} : les lieux suivants, du plus proche au plus loin.`,
  nearestMore: "D'autres lieux, plus loin, sur la page suivante.",
  noneFarther: (km: number) => `Aucun autre lieu ne correspond à moins de ${formatNumber(km)} km.`,
  widen: (km: number) => `Chercher jusqu'à ${formatNumber(km)} km`,
  radius: "Distance maximale",
  radiusChoice: (km: number) => `${formatNumber(km)} km`,
  choose: "Plusieurs communes correspondent. Laquelle cherchez-vous ?",
  aroundMe: "Autour de moi",
  aroundMeHelp: "Utilise la position de votre téléphone ou ordinateur.",
  locating: "Recherche de votre position…",
  locateFailed: "Votre position n'a pas pu être trouvée. Tapez le nom de votre commune.",
  quickNeeds: "Ce que je veux faire",
  filters: "Filtrer les résultats",
  apply: "Afficher les lieux",
  clear: "Effacer les filtres",
  openFilter: "Ouverture",
  openAny: "Peu importe",
  openNow: "Ouvert maintenant",
  openOn: (day: string) => `Ouvert le ${day}`,
  freeOnly: "Gratuit uniquement",
  wheelchair: "Accueil adapté aux personnes en fauteuil roulant",
  labelledOnly: (network: string) => `Lieux labellisés ${network}`,
  services: "Services",
  publics: "Publics",
  support: "Accompagnement adapté",
  access: "Comment y accéder",
  distance: (metres: number) => (metres < 1000 ? `à ${Math.max(100, Math.round(metres / 100) * 100)} m` : `à ${formatNumber(Math.round(metres / 100) / 10)} km`),
  free: "Gratuit",
  freeUnderCondition: "Gratuit sous condition",
  paying: "Payant",
  empty: "Aucun lieu ne correspond à votre recherche.",
  emptyFilters: "Essayez d'enlever des filtres :",
  emptyText: "Vérifiez l'orthographe, ou tapez le nom de votre commune ou votre code postal.",
  map: "Voir sur une carte",
  list: "Voir la liste",
  mapTitle: "Carte des lieux",
  mapUnavailable: "La carte n'a pas pu se charger. La liste des lieux ci-dessous contient les mêmes informations.",
};

export const map = {
titleNear: (label: string) => `Carte des lieux près de ${label}`,
titleFor: (text: string) => `Carte des lieux dont le nom contient « ${text} »`,
titleAll: "Carte de tous les lieux",
count: (n: number) => (n === 0 ? "Aucun lieu trouvé." : n === 1 ? "1 lieu sur la carte." : `${formatNumber(n)} lieux sur la carte.`),
/** Around a position: the nearest places; others, farther, are not counted. */
truncatedNear: (shown: number) => `La carte montre les ${formatNumber(shown)} lieux les plus proches ; d'autres, plus loin, correspondent aussi.`,
/** `more`: the total is a lower bound ("plus de 1 000"). */
truncated: (shown: number, total: number, more: boolean) =>
  `La carte montre ${formatNumber(shown)} lieux sur ${more ? "plus de " : ""}${formatNumber(total)} trouvés. Cherchez votre commune pour voir les plus proches.`,
listHeading: "Les lieux de la carte",
keyboardHelp:
  "Au clavier : les flèches déplacent la carte, les touches + et − changent le zoom. La touche Tab passe d'un lieu à l'autre, la touche Entrée affiche son nom et le lien vers sa page.",
zoomIn: "Zoomer",
zoomOut: "Dézoomer",
closePopup: "Fermer",
/** `{n}` is replaced by the number of places in the group. */
cluster: "{n} lieux ici : appuyez pour zoomer",
noPosition: "Position inconnue : ce lieu n'est pas sur la carte.",
skipMap: "Passer la carte et aller à la liste des lieux",
};

/** Plain words for the national standard's values, shown to the public. */
export const plain = {
  services: {
    "Aide aux démarches administratives": "Aide pour vos démarches en ligne (CAF, impôts, santé…)",
    "Maîtrise des outils numériques du quotidien": "Apprendre à utiliser un ordinateur, une tablette ou un smartphone",
    "Insertion professionnelle via le numérique": "Chercher un emploi, faire un CV",
    "Utilisation sécurisée du numérique": "Se protéger sur internet",
    "Parentalité et éducation avec le numérique": "Accompagner ses enfants avec le numérique",
    "Loisirs et créations numériques": "Loisirs et création (photo, vidéo, impression 3D…)",
    "Compréhension du monde numérique": "Comprendre le numérique",
    "Accès internet et matériel informatique": "Utiliser un ordinateur, internet ou une imprimante",
    "Acquisition de matériel informatique à prix solidaire": "Acheter un ordinateur à petit prix",
  } as Record<string, string>,
  accessModes: {
    "Se présenter": "Venir sur place",
    "Téléphoner": "Téléphoner avant",
    "Contacter par mail": "Écrire un courriel",
    "Prendre un RDV en ligne": "Prendre rendez-vous en ligne",
    "Ce lieu n'accueille pas de public": "Ce lieu n'accueille pas de public",
    "Envoyer un mail avec une fiche de prescription": "Sur orientation d'un professionnel",
  } as Record<string, string>,
  supportModes: {
    "En autonomie": "Seul, avec le matériel du lieu",
    "Accompagnement individuel": "Avec l'aide d'une personne",
    "Dans un atelier collectif": "En atelier, en groupe",
    "À distance": "À distance (téléphone, visio)",
  } as Record<string, string>,
};
