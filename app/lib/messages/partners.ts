/**
 * French words of a network's partner organisations (part of the `fr` catalogue): the
 * coordinator's pages of the partners, their advisers, webhooks and API keys, and the network's
 * referral rules.
 */
import { formatNumber } from "./format";

/** The kinds of partner organisations (PARTNER_KINDS in app/db/schema/partners.ts). */
const kinds = {
  "france-travail": "France Travail",
  ccas: "CCAS",
  "mission-locale": "Mission locale",
  departement: "Conseil départemental",
  association: "Association",
  autre: "Autre",
} as const;

export const partners = {
  kinds,
  link: "Partenaires et orientations",
  backToNetwork: "Retour à la page du réseau",
  backToList: "Retour aux partenaires du réseau",
  invalidRequest: "Cette demande n'est pas valable. Rechargez la page et recommencez.",

  // The list page
  listPageTitle: (network: string) => `Partenaires du réseau ${network}`,
  listIntro:
    "Les partenaires (agence France Travail, CCAS, mission locale…) orientent des personnes vers les lieux du réseau. Leurs conseillers et conseillères suivent ensuite si la personne est venue.",
  listTitle: "Les partenaires",
  listNone: "Le réseau n'a encore aucun partenaire.",
  columns: { name: "Partenaire", kind: "Type", advisers: "Conseillers", referrals: (year: string) => `Orientations en ${year}` },
  count: (n: number) => formatNumber(n),

  // An organisation's form
  newTitle: "Ajouter un partenaire",
  editTitle: "La structure",
  fields: {
    name: "Nom de la structure",
    nameHint: "Par exemple « France Travail — agence d'Orléans Nord ».",
    kind: "Type de structure",
    siret: "SIRET (facultatif)",
    siretHint: "14 chiffres, par exemple 130 005 481 00010.",
    email: "Adresse mail de contact (facultatif)",
    emailHint: "L'adresse générale de la structure. Chaque conseiller reçoit aussi ses propres messages.",
  },
  create: "Ajouter le partenaire",
  save: "Enregistrer",
  created: "Le partenaire est ajouté. Invitez maintenant ses conseillers.",
  saved: "Les informations du partenaire sont enregistrées.",
  unchanged: "Rien n'a changé.",
  partnerUnknown: "Ce partenaire n'existe pas dans ce réseau.",
  errors: {
    nameEmpty: "Saisissez le nom de la structure.",
    nameLong: "Le nom fait au plus 200 caractères.",
    nameTaken: "Le réseau a déjà un partenaire de ce nom. Choisissez un autre nom, par exemple en ajoutant la ville.",
    kind: "Choisissez le type de structure.",
    siret: "Le SIRET s'écrit avec 14 chiffres, par exemple 130 005 481 00010. Laissez le champ vide si vous ne le connaissez pas.",
    email: "Saisissez une adresse mail valide, par exemple contact@exemple.fr, ou laissez le champ vide.",
  },

  // The network's referral rules
  settingsTitle: "Règles des orientations",
  settingsIntro: "Ces règles valent pour toutes les orientations du réseau.",
  settingsLegend: "Délais et conservation",
  settings: {
    expiry: "Sans réponse du lieu, une orientation expire après (jours)",
    expiryHint: "Entre 2 et 365 jours. Par défaut : 30.",
    reminder: "Relancer le lieu tous les (jours)",
    reminderHint: "Moins que le délai d'expiration. Par défaut : 10.",
    retention: "Effacer les coordonnées de la personne après (mois)",
    retentionHint: "Compté depuis la fin de l'orientation, entre 1 et 60 mois. Par défaut : 6.",
  },
  settingsSave: "Enregistrer les règles",
  settingsSaved: "Les règles des orientations sont enregistrées.",
  settingsErrors: {
    expiry: "Le délai d'expiration est un nombre entier de jours entre 2 et 365.",
    reminder: "La relance est un nombre entier de jours, au moins 1.",
    reminderTooLate: (expiry: number) => `La relance doit venir avant l'expiration : au plus ${expiry - 1} jour${expiry - 1 > 1 ? "s" : ""}.`,
    retention: "La durée de conservation est un nombre entier de mois entre 1 et 60.",
  },

  // A partner's page
  pageTitle: (partner: string) => `Partenaire : ${partner}`,
  kindLine: (kind: string, siret: string | null) => (siret ? `${kind} — SIRET ${siret}` : kind),

  // Advisers
  advisersTitle: "Conseillers et conseillères",
  advisersIntro: "Les personnes du partenaire qui orientent vers les lieux du réseau. Elles voient les lieux, leurs créneaux et leurs ateliers, et seulement les orientations de leur structure.",
  advisersNone: "Personne pour l'instant : invitez un conseiller ou une conseillère ci-dessous.",
  adviserColumns: { name: "Nom", email: "Adresse mail", since: "Depuis le", actions: "Actions" },
  removeAdviser: (name: string) => `Retirer ${name}`,
  adviserRemoved: "La personne ne fait plus partie du partenaire. Ses orientations passées restent.",
  adviserUnknown: "Cette personne ne fait pas partie de ce partenaire.",
  pendingTitle: "Invitations en attente",
  pendingNone: "Aucune invitation en attente.",
  pendingLine: (email: string, until: string) => `${email} — l'invitation expire le ${until}`,
  revokeInvitation: (email: string) => `Annuler l'invitation de ${email}`,
  invitationRevoked: "L'invitation est annulée.",
  invitationUnknown: "Cette invitation n'existe plus.",
  inviteTitle: "Inviter un conseiller ou une conseillère",
  inviteLegend: "Invitation par mail",
  inviteEmail: "Adresse mail professionnelle",
  inviteHint: "La personne reçoit un lien valable 7 jours pour créer son compte.",
  invite: "Envoyer l'invitation",
  invited: (email: string) => `Invitation envoyée à ${email}.`,
  alreadyAdviser: "Cette personne fait déjà partie de ce partenaire.",
  tooManyInvitations: (wait: string) => `Trop d'invitations envoyées. Réessayez dans ${wait}.`,
  inviteErrors: {
    emailEmpty: "Saisissez l'adresse mail de la personne à inviter.",
    email: "Saisissez une adresse mail valide, par exemple prenom.nom@exemple.fr.",
  },

  // Webhook
  webhookTitle: "Envoi automatique au système du partenaire (webhook)",
  webhookIntro:
    "À chaque étape d'une orientation (acceptée, rendez-vous pris, personne venue…), la plateforme peut prévenir le logiciel du partenaire en envoyant un message signé à son adresse. Le service informatique du partenaire vous donne cette adresse.",
  webhookLegend: "Adresse de réception",
  webhookUrl: "Adresse (URL) du webhook",
  webhookUrlHint: "Commence par https://. Laissez vide pour ne rien envoyer.",
  webhookPersonalData: "Envoyer aussi le nom et les coordonnées des personnes",
  webhookPersonalDataWarning:
    "Attention : si vous cochez cette case, le prénom, le nom, le téléphone et l'adresse mail des personnes orientées quitteront la plateforme et seront copiés dans le logiciel du partenaire. Ne cochez que si le partenaire en a besoin et s'engage à protéger ces données. Sans cette case, seuls un numéro d'orientation et son étape sont envoyés.",
  webhookSave: "Enregistrer le webhook",
  webhookSaved: "Le webhook est enregistré.",
  webhookCleared: "Le webhook est retiré : plus rien n'est envoyé au partenaire.",
  webhookNone: "Aucun webhook : rien n'est envoyé au partenaire.",
  webhookActive: (url: string) => `Les messages sont envoyés à ${url}.`,
  personalDataOn: "Le nom et les coordonnées des personnes sont envoyés.",
  personalDataOff: "Seuls un numéro d'orientation et son étape sont envoyés (ni nom, ni coordonnées).",
  secretTitle: "Secret de signature",
  secretIntro:
    "Chaque message est signé avec ce secret (HMAC-SHA256). Donnez-le au service informatique du partenaire, par un moyen sûr : il lui permet de vérifier que les messages viennent bien de la plateforme.",
  secretShow: "Afficher le secret",
  regenerateSecret: "Régénérer le secret",
  regenerateHint: "L'ancien secret ne marche plus aussitôt : le partenaire doit recevoir le nouveau.",
  secretRegenerated: "Un nouveau secret est créé. Donnez-le au partenaire : l'ancien ne marche plus.",
  noSecret: "Enregistrez d'abord une adresse de webhook.",
  webhookErrors: {
    url: "Saisissez une adresse complète, qui commence par https://, par exemple https://api.exemple.fr/orientations.",
    long: "L'adresse fait au plus 2 000 caractères.",
    https: "L'adresse doit commencer par https:// : les messages doivent partir chiffrés.",
    credentials: "Retirez l'identifiant et le mot de passe de l'adresse : la signature suffit à prouver l'origine des messages.",
    internal: "Cette adresse désigne une machine interne : donnez l'adresse publique du logiciel du partenaire.",
  },

  // API keys
  keysTitle: "Clés d'API",
  keysIntro:
    "Une clé permet au logiciel du partenaire d'orienter des personnes et de suivre ses orientations sans passer par les pages. Elle donne les mêmes droits qu'un conseiller du partenaire : ne la donnez qu'à son service informatique.",
  keysNone: "Aucune clé.",
  keyColumns: { label: "Nom", prefix: "Début de la clé", created: "Créée le", lastUsed: "Dernière utilisation", status: "État" },
  keyNeverUsed: "jamais",
  keyActive: "active",
  keyRevoked: (when: string) => `révoquée le ${when}`,
  revokeKey: (label: string) => `Révoquer la clé « ${label} »`,
  keyRevokedNotice: "La clé est révoquée : elle ne marche plus.",
  keyUnknown: "Cette clé n'existe pas ou est déjà révoquée.",
  newKeyLegend: "Nouvelle clé",
  keyLabel: "Nom de la clé",
  keyLabelHint: "Pour la reconnaître, par exemple « Logiciel de l'agence ».",
  createKey: "Créer la clé",
  keyCreatedTitle: "Voici la nouvelle clé",
  keyCreated:
    "Copiez-la maintenant et donnez-la au partenaire par un moyen sûr : elle ne sera plus jamais affichée. La plateforme n'en garde qu'une empreinte.",
  keyErrors: {
    labelEmpty: "Donnez un nom à la clé, par exemple « Logiciel de l'agence ».",
    labelLong: "Le nom de la clé fait au plus 80 caractères.",
    tooMany: (max: number) => `Ce partenaire a déjà ${max} clés actives : révoquez celles qui ne servent plus.`,
  },

  audit: {
    actions: {
      "partner.create": "Partenaire ajouté",
      "partner.update": "Partenaire modifié",
      "partner.adviser-remove": "Conseiller retiré d'un partenaire",
      "partner.webhook": "Webhook d'un partenaire changé",
      "partner.webhook-secret": "Secret du webhook d'un partenaire régénéré",
      "partner.api-key-create": "Clé d'API d'un partenaire créée",
      "partner.api-key-revoke": "Clé d'API d'un partenaire révoquée",
      "referral-settings.update": "Règles des orientations changées",
    } as Record<string, string>,
    fieldNames: {
      partner: "Partenaire",
      partnerKind: "Type de structure",
      siret: "SIRET",
      contactEmail: "Adresse mail de contact",
      webhookHost: "Webhook (site)",
      webhookPersonalData: "Noms et coordonnées envoyés",
      keyLabel: "Nom de la clé",
      expiryDays: "Expiration (jours)",
      reminderDays: "Relance (jours)",
      retentionMonths: "Conservation (mois)",
    } as Record<string, string>,
    values: {
      partnerKind: kinds,
      contactEmail: { set: "renseignée", none: "aucune", changed: "changée" },
      webhookPersonalData: { yes: "oui", no: "non" },
    } as Record<string, Record<string, string>>,
  },
};
