/** French words of the oidc feature (part of the `fr` catalogue in app/lib/messages.ts). */
export const oidc = {
  /** The button's default text; OIDC_LABEL replaces the provider's name. */
  signInWith: (label: string) => `Se connecter avec ${label}`,
  defaultLabel: "ProConnect",
  or: "ou",
  whatIs: (label: string) => `Qu'est-ce que ${label} ?`,
  retry: (label: string) => `Réessayer avec ${label}`,
  problemTitle: "La connexion n'a pas abouti",
  unavailable: (label: string) => `${label} ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.`,
  expired: "La connexion a pris trop de temps ou a été ouverte dans un autre onglet. Recommencez depuis cette page.",
  refused: (label: string) => `${label} n'a pas confirmé votre identité. Recommencez depuis cette page.`,
  cancelled: (label: string) => `La connexion avec ${label} a été annulée. Recommencez depuis cette page, ou connectez-vous avec votre mot de passe.`,
  emailNotVerified: (label: string) => `${label} n'a pas transmis d'adresse électronique vérifiée : nous ne pouvons pas vous reconnaître. Connectez-vous avec votre mot de passe, ou demandez de l'aide à la coordination de votre réseau.`,
  notInvitedTitle: "Votre compte doit d'abord être créé par une invitation",
  notInvited: (email: string) =>
    `Aucun compte de l'espace de gestion n'existe pour l'adresse ${email}. Les comptes ne se créent pas seuls : demandez au responsable de votre lieu ou à la coordination de votre réseau de vous inviter avec cette adresse, puis reconnectez-vous.`,
  otherAddressTitle: "Cette invitation est pour une autre adresse",
  otherAddress: (email: string, label: string) =>
    `Votre compte ${label} a l'adresse ${email}, qui n'est pas celle de l'invitation. Acceptez l'invitation en choisissant un mot de passe, ou demandez une invitation pour l'adresse de votre compte ${label}.`,
  acceptWith: (label: string) => `Accepter avec ${label}`,
  disabled: "Ce compte est désactivé. Demandez à la coordination de votre réseau de le réactiver.",
} as const;
