/**
 * French words of mobile EPN and their stops (part of the `fr` catalogue): the back-office page of
 * a place's stops, the place page's next sessions and passages, the directory's nearby passages,
 * seats in words.
 */
import { formatNumber } from "./format";

export const stops = {
  // The back-office page
  pageTitle: (place: string) => `Arrêts de l'EPN mobile — ${place}`,
  link: "Arrêts de l'EPN mobile",
  backToPlace: "Retour à la fiche du lieu",
  notItinerant:
    "Ce lieu n'est pas itinérant : il ne peut pas avoir d'arrêts. Pour en faire un EPN mobile, cochez « Itinérant » dans le champ « Itinérance » de la fiche du lieu, puis enregistrez.",
  listTitle: "Arrêts",
  listNone: "Ce lieu n'a encore aucun arrêt.",
  inactive: "désactivé",
  nextVisits: "Prochains passages",
  noVisits: "Aucun passage prévu.",
  cancelledVisit: "annulé",
  newVisit: (label: string) => `Programmer des passages à « ${label} »`,
  edit: (label: string) => `Modifier « ${label} »`,
  newTitle: "Nouvel arrêt",
  editTitle: (label: string) => `Modifier l'arrêt « ${label} »`,
  create: "Ajouter l'arrêt",
  save: "Enregistrer l'arrêt",
  deactivate: "Désactiver cet arrêt",
  reactivate: "Réactiver cet arrêt",
  cancelEdit: "Annuler la modification",
  readOnly: "Seuls les responsables du lieu peuvent ajouter ou modifier ses arrêts.",
  created: "L'arrêt est ajouté.",
  saved: "L'arrêt est enregistré.",
  deactivated: "L'arrêt est désactivé : il n'apparaît plus sur les pages publiques. Ses passages déjà prévus ne sont pas annulés : annulez-les sur la page des ateliers.",
  reactivated: "L'arrêt est réactivé.",
  invalidRequest: "Cette demande n'est pas valable. Rechargez la page et recommencez.",
  stopUnknown: "Cet arrêt n'existe pas dans ce lieu.",
  where: (address: string, postcode: string, commune: string) => `${address}, ${postcode} ${commune}`,
  fields: {
    label: "Nom de l'arrêt",
    labelHint: "Par exemple « Place du marché » ou « Parking de la mairie ».",
    address: "Adresse",
    postcode: "Code postal",
    commune: "Commune",
    coordinates: "Coordonnées",
    latitude: "Latitude",
    longitude: "Longitude",
    coordinatesHint: "Facultatif. Sans coordonnées, l'arrêt est placé au centre de la commune. En degrés décimaux, par exemple 45,8762 et 0,1797.",
  },
  errors: {
    labelEmpty: "Donnez un nom à l'arrêt, par exemple « Place du marché ».",
    labelLong: "Le nom de l'arrêt fait au plus 120 caractères.",
    addressEmpty: "Indiquez l'adresse de l'arrêt.",
    addressLong: "L'adresse fait au plus 200 caractères.",
    postcode: "Le code postal s'écrit avec 5 chiffres, par exemple 16230.",
    communeEmpty: "Indiquez la commune de l'arrêt.",
    communeLong: "Le nom de la commune fait au plus 100 caractères.",
    communeUnknown: "Nous ne trouvons pas cette commune avec ce code postal. Vérifiez l'orthographe et le code postal.",
    latitude: "La latitude est un nombre entre -90 et 90, par exemple 45,8762.",
    longitude: "La longitude est un nombre entre -180 et 180, par exemple 0,1797.",
    bothCoordinates: "Donnez la latitude et la longitude, ou aucune des deux.",
    outsideFrance: "Ces coordonnées ne sont pas en France (métropole ou outre-mer). Vérifiez qu'elles ne sont pas inversées.",
    farFromCommune: (km: number) => `Ces coordonnées sont à plus de ${formatNumber(km)} km de la commune indiquée. Vérifiez-les.`,
  },


  // The public place page
  upcomingTitle: "Prochains ateliers et permanences",
  online: "En ligne",
  atStop: (commune: string, label: string) => `À ${commune}, ${label}`,
  passagesTitle: "Prochains passages",
  passagesNone: "Aucun passage prévu pour le moment.",
  /** « Lundi 5 janvier, de 9 h à 12 h — Mansle, place du Marché ». */
  passage: (when: string, commune: string, label: string) => `${when} — ${commune}, ${label}`,

  // The directory
  nearbyTitle: "L'EPN mobile passe près d'ici",
  /** After the mobile EPN's name: « … passe à Mansle (Place du marché) lundi 5 janvier, de 9 h à 12 h — à 3 km ». */
  nearbyPasses: (commune: string, label: string, when: string, distance: string) => `passe à ${commune} (${label}) ${when} — ${distance}`,
  mapListHeading: "Les passages de l'EPN mobile sur la carte",
  mapPassage: (commune: string, label: string) => `${commune}, ${label}`,
  /** A stop's marker on the map, after the mobile EPN's name. */
  mapMarker: "arrêt de l'EPN mobile",
};
