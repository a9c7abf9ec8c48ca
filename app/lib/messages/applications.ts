/**
 * French words of the network's label (part of the `fr` catalogue): calls for projects, places'
 * applications, reviews, decisions and the mails they send. The states are Démarches
 * Simplifiées' words, which applicants and coordinators already know.
 */
import { applicationsPages } from "./applications-pages";

type About = { call: string; number: number; place: string };
const dossier = (a: About) => `dossier n° ${a.number} (${a.place})`;

/** APPLICATION_STATES in app/db/schema/calls.ts. */
export const applicationStates = {
  draft: "Brouillon",
  submitted: "Déposé",
  under_review: "En instruction",
  corrections: "Corrections demandées",
  accepted: "Accepté",
  refused: "Refusé",
  closed: "Classé sans suite",
} as const;

const callStatuses = { draft: "Brouillon (non publié)", published: "Publié", archived: "Archivé" } as const;

export const applications = {
  pages: applicationsPages,
  states: applicationStates,
  callStatuses,
  audiences: { network: "Les lieux du réseau", any: "Tout lieu de la plateforme" },
  grantDecision: (call: string, number: number) => `Appel à projets « ${call} », dossier n° ${number}`,

  settings: {
    titleRequired: "Donnez un titre à l'appel (3 caractères au moins).",
    titleTooLong: "Le titre est trop long (200 caractères au plus).",
    descriptionTooLong: "La description est trop longue.",
    unknownTheme: "Choisissez des thèmes de la liste.",
    themesRequired: "Cochez au moins un thème.",
    dateInvalid: "Saisissez une date, par exemple 2017-03-31.",
    timeInvalid: "Saisissez une heure, par exemple 12:00.",
    audienceInvalid: "Choisissez qui peut candidater.",
    labelRequired: "Donnez le nom du label accordé.",
    labelTooLong: "Le nom du label est trop long (120 caractères au plus).",
    signatoryTooLong: "Ce texte est trop long (160 caractères au plus).",
    reviewsInvalid: "Saisissez un nombre d'avis entre 0 et 10.",
    closeAfterOpen: "La clôture doit venir après l'ouverture.",
    labelAfterClose: "Le label doit finir après la clôture de l'appel.",
  },
  grid: {
    lockedByReviews: "La grille ne peut plus changer : des évaluations ont déjà été rendues avec elle.",
    criterionRequired: "Donnez un nom au critère.",
    weightInvalid: "Saisissez un coefficient entier entre 1 et 10.",
    scaleInvalid: "Saisissez une note maximale entre 2 et 20.",
  },
  messages: {
    empty: "Écrivez votre message.",
    tooLong: "Le message est trop long (5 000 caractères au plus).",
  },
  experts: {
    nameRequired: "Donnez le nom de la personne (2 caractères au moins).",
    nameTooLong: "Le nom est trop long (120 caractères au plus).",
    organisationTooLong: "Le nom de l'organisme est trop long (160 caractères au plus).",
    notice: "C'est fait : la personne est experte du réseau et a reçu un courriel pour se connecter.",
    emailInvalid: "Saisissez une adresse électronique valable, par exemple nom@exemple.fr.",
    pageTitle: (network: string) => `Experts extérieurs — ${network}`,
    intro: "Invitez une personne extérieure au réseau (un financeur, un partenaire) à évaluer des dossiers. Son compte n'ouvre que les dossiers que vous lui confiez, après sa déclaration d'intérêts.",
    listTitle: "Les experts du réseau",
    none: "Aucun expert extérieur pour l'instant.",
    inviteTitle: "Inviter un expert",
    name: "Nom",
    email: "Adresse électronique",
    organisation: "Organisme (facultatif)",
    invite: "Inviter",
    already: "Cette personne est déjà experte du réseau.",
    columns: { name: "Nom", organisation: "Organisme", since: "Depuis le" },
  },
  review: {
    conflictReasonRequired: "Dites en quelques mots pourquoi vous ne pouvez pas évaluer ce dossier.",
    scoreRequired: "Donnez une note à ce critère.",
    scoreRange: (scale: number) => `Donnez une note entière entre 0 et ${scale}.`,
  },

  mail: {
    seeApplication: "Voir le dossier :",
    submitted: (a: About) => ({
      subject: `Nouveau dossier déposé : ${a.call}, ${dossier(a)}`,
      text: `Le lieu ${a.place} a déposé son dossier n° ${a.number} pour l'appel à projets « ${a.call} ».`,
    }),
    resubmitted: (a: About) => ({
      subject: `Dossier corrigé : ${a.call}, ${dossier(a)}`,
      text: `Le lieu ${a.place} a corrigé et déposé à nouveau son dossier n° ${a.number} pour l'appel à projets « ${a.call} ».`,
    }),
    receipt: (a: About) => ({
      subject: `Votre dossier est déposé : ${a.call}`,
      text: `Votre dossier n° ${a.number} pour l'appel à projets « ${a.call} » est bien déposé. Il n'est plus modifiable, sauf si le réseau vous demande des corrections. Vous serez prévenu·e par courriel à chaque étape.`,
    }),
    underReview: (a: About) => ({
      subject: `Votre dossier est en instruction : ${a.call}`,
      text: `Le réseau étudie votre dossier n° ${a.number} pour l'appel à projets « ${a.call} ».`,
    }),
    corrections: (a: About & { reason: string }) => ({
      subject: `Corrections demandées sur votre dossier : ${a.call}`,
      text: `Le réseau vous demande de corriger votre dossier n° ${a.number} pour l'appel à projets « ${a.call} » :\n\n${a.reason}\n\nModifiez vos réponses, puis déposez le dossier à nouveau.`,
    }),
    decided: (a: About & { decision: "accepted" | "refused" | "closed" }) => ({
      subject: `Décision sur votre dossier : ${a.call} — ${applicationStates[a.decision].toLowerCase()}`,
      text: `Le réseau a pris sa décision sur votre dossier n° ${a.number} pour l'appel à projets « ${a.call} » : ${applicationStates[a.decision].toLowerCase()}. Vous trouverez la lettre de décision en pièce jointe (PDF).`,
    }),
    message: (a: About & { body: string }) => ({
      subject: `Nouveau message sur le ${dossier(a)} : ${a.call}`,
      text: `Message au sujet du ${dossier(a)}, appel à projets « ${a.call} » :\n\n${a.body}`,
    }),
    assigned: (a: { call: string; number: number; link: string }) => ({
      subject: `Un dossier à évaluer : ${a.call}, dossier n° ${a.number}`,
      text: `Vous êtes invité·e à évaluer le dossier n° ${a.number} de l'appel à projets « ${a.call} ». Avant de le lire, vous déclarerez ne pas avoir de conflit d'intérêts avec le lieu candidat.\n\n${a.link}`,
    }),
    declined: (a: { reviewer: string; reason: string; call: string; number: number; place: string; link: string }) => ({
      subject: `${a.reviewer} ne peut pas évaluer le dossier n° ${a.number} (${a.place})`,
      text: `${a.reviewer} a déclaré un conflit d'intérêts et n'évaluera pas le dossier n° ${a.number} (${a.place}) de l'appel à projets « ${a.call} » :\n\n${a.reason}\n\nDésignez une autre personne pour l'évaluer :\n${a.link}`,
    }),
    closingSoon: (a: { call: string; days: number; closes: string; link: string }) => ({
      subject: `Appel à projets « ${a.call} » : clôture ${a.days <= 0 ? "aujourd'hui" : a.days === 1 ? "demain" : `dans ${a.days} jours`}`,
      text: `Votre dossier pour l'appel à projets « ${a.call} » est encore un brouillon. L'appel ferme le ${a.closes} : déposez votre dossier avant.\n\n${a.link}`,
    }),
    labelEnding: (a: { label: string; place: string; days: number; until: string; link: string }) => ({
      subject: `Label ${a.label} de ${a.place} : fin le ${a.until}`,
      text: `Le label ${a.label} du lieu ${a.place} prend fin le ${a.until}, ${a.days <= 0 ? "aujourd'hui" : a.days === 1 ? "demain" : `dans ${a.days} jours`}. Pour le renouveler, répondez au prochain appel à projets du réseau : les réponses de votre dernier dossier accepté seront reprises.\n\n${a.link}`,
    }),
    expertWelcome: (a: { network: string; inviter: string; link: string }) => ({
      subject: `Invitation à évaluer des dossiers pour ${a.network}`,
      text: `${a.inviter} vous invite à évaluer des dossiers de candidature au label du réseau ${a.network}. Votre compte ne donne accès qu'aux dossiers qui vous seront confiés.\n\nChoisissez votre mot de passe (lien valable 7 jours) :\n${a.link}`,
    }),
  },
} as const;
