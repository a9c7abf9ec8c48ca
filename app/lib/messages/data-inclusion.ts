/** The places and their services in the data·inclusion schema (the API's words, and the services' names and descriptions). */
import { listAnd } from "./format";

export const dataInclusion = {
  api: {
    invalid: "Requête invalide",
    network: "« reseau » est l'identifiant d'un réseau, par exemple web-o-centre.",
    networkUnknown: "Ce réseau n'existe pas.",
    unknownParameter: (name: string) => `Paramètre inconnu : « ${name} ». Seul « reseau » est possible.`,
  },
  /** A service's name and what a person gets from it, in plain words. */
  services: {
    "demarches-en-ligne": {
      name: "Accompagnement aux démarches en ligne",
      description: "Un médiateur numérique vous aide à faire vos démarches administratives sur internet : créer un compte, remplir un formulaire, envoyer un document, suivre un dossier.",
    },
    "acces-libre": {
      name: "Accès libre à un ordinateur et à internet",
      description: "Des ordinateurs et une connexion à internet à votre disposition, pour faire vos recherches et vos démarches vous-même, avec de l'aide si besoin.",
    },
    "materiel-solidaire": {
      name: "Matériel informatique à prix solidaire",
      description: "Vous pouvez acheter un ordinateur, une tablette ou un téléphone à prix solidaire.",
    },
    initiation: {
      name: "Initiation au numérique",
      description: (parts: string[]) => parts.join(" "),
    },
    emploi: {
      name: "Le numérique pour trouver un emploi",
      description: "Utiliser le numérique pour chercher un emploi : faire son CV, répondre à des offres en ligne, utiliser son espace France Travail.",
    },
    parentalite: {
      name: "Parentalité et éducation au numérique",
      description: "Accompagner ses enfants dans le numérique : temps d'écran, contrôle parental, espaces numériques de l'école.",
    },
    loisirs: {
      name: "Loisirs et créations numériques",
      description: "Découvrir et créer avec le numérique : photo, vidéo, musique, jeux.",
    },
  },
  /** The parts of « Initiation au numérique », one per service of the national standard it groups. */
  initiationParts: {
    everyday: "Apprendre à vous servir d'un ordinateur, d'un smartphone ou d'une tablette, d'internet et de la messagerie.",
    safety: "Apprendre à protéger vos comptes et vos données des arnaques en ligne.",
    understanding: "Mieux comprendre le monde numérique : réseaux sociaux, informations en ligne, intelligence artificielle.",
  },
  /** How the help is given (the national standard's « modalités d'accompagnement », in small letters). */
  supportModes: (modes: string[]) => `Comment : ${modes.join(", ")}.`,
  equipment: (items: string[]) => `Sur place : ${listAnd(items)}.`,
  equipmentItem: {
    computers: (n: number) => `${n} ordinateur${n > 1 ? "s" : ""}`,
    laptops: (n: number) => `${n} ordinateur${n > 1 ? "s" : ""} portable${n > 1 ? "s" : ""}`,
    tablets: (n: number) => `${n} tablette${n > 1 ? "s" : ""}`,
    printers: (n: number) => `${n} imprimante${n > 1 ? "s" : ""}`,
    printers3d: (n: number) => `${n} imprimante${n > 1 ? "s" : ""} 3D`,
  },
  prescription: "Pour un professionnel : envoyer un courriel au lieu avec une fiche de prescription.",
  itinerant: "Ce lieu est itinérant : ses arrêts et ses prochains passages sont sur sa page.",
  fees: {
    underCondition: "Gratuit sous condition : renseignez-vous auprès du lieu.",
    someArePaid: "Certains services sont payants : renseignez-vous auprès du lieu.",
    solidarityPrice: "Le matériel est vendu à prix solidaire.",
  },
  publics: {
    specifically: (publics: string[]) => `Tous les publics sont accueillis, avec une attention particulière pour : ${publics.join(", ")}.`,
    support: (kinds: string[]) => `Prise en charge spécifique : ${kinds.join(", ")}.`,
  },
} as const;

