/** French words of the site's frame, its error pages, the form kit and the accessibility statement (part of the `fr` catalogue, app/lib/messages/index.ts). */

export const site = {
  name: "Réseau EPN",
  tagline: "Trouver un lieu près de chez vous pour être aidé avec le numérique",
  skipToContent: "Aller au contenu",
  mainNav: "Menu principal",
  navHome: "Accueil",
  navPlaces: "Tous les lieux",
  footer: "Réseau EPN — logiciel libre pour les réseaux d'Espaces Publics Numériques.",
  openData: "Données ouvertes (standard national)",
  accessibility: "Accessibilité : non conforme",
  api: "API des lieux",
};

export const errors = {
  notFoundTitle: "Page introuvable",
  notFound: "Cette page n'existe pas ou a été déplacée.",
  placeNotFound: "Ce lieu n'existe pas ou n'est plus publié.",
  serverTitle: "Une erreur est survenue",
  server: "Le service a rencontré un problème. Réessayez dans quelques instants.",
  backHome: "Retour à l'accueil",
  badRequest: "Requête invalide",
  tooLarge: "Le formulaire envoyé est trop long.",
};

export const forms = {
  errorSummary: (n: number) => (n === 1 ? "Le formulaire contient 1 erreur" : `Le formulaire contient ${n} erreurs`),
  required: " (obligatoire)",
};

export const accessibility = {
  title: "Déclaration d'accessibilité",
  commitment: (site: string) =>
    `${site} s'engage à rendre son service en ligne accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`,
  appliesTo: (site: string, url: string) => `Cette déclaration d'accessibilité s'applique au site ${site} (${url}).`,
  statusTitle: "État de conformité",
  status: "Ce site est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2.",
  statusWhy:
    "Cette mention est obligatoire tant qu'aucun audit de conformité n'a été fait. Elle ne veut pas dire que le site est inaccessible : aucun audit externe n'a encore été réalisé, donc aucun taux de conformité n'a été mesuré.",
  testsTitle: "Ce que nos tests vérifient",
  testsIntro: "À chaque modification du logiciel, des tests automatiques vérifient :",
  tests: [
    "qu'aucune erreur n'est trouvée par l'outil axe-core (règles WCAG 2.1, niveaux A et AA) sur les pages publiques : accueil, liste des lieux, fiche d'un lieu, formulaire «\u00a0Signaler une erreur\u00a0» (vide et avec des erreurs), cette page ;",
    "que ces pages marchent sans JavaScript : chercher un lieu, lire sa fiche, signaler une erreur ;",
    "que la fiche d'un lieu et le formulaire de signalement s'utilisent au clavier seul, dans l'ordre de lecture ;",
    "que la fiche d'un lieu s'affiche sans défilement horizontal sur un écran de 320 pixels de large (comme un zoom à 400 % sur un ordinateur) ;",
    "que la fiche d'un lieu s'imprime avec ses horaires, son adresse et son téléphone.",
  ],
  testsLimit:
    "Ces tests automatiques ne trouvent qu'une partie des problèmes. Le site n'a pas encore été essayé avec un lecteur d'écran (NVDA, JAWS, VoiceOver, TalkBack) par des personnes qui s'en servent.",
  nonAccessibleTitle: "Contenus non accessibles",
  nonAccessible: [
    "La carte des lieux peut être difficile à utiliser au clavier ou avec un lecteur d'écran. Elle est un complément : la liste des lieux donne les mêmes informations.",
    "Les informations des lieux viennent des réseaux et de fichiers de données ouvertes. Certaines sont écrites en majuscules, avec des abréviations ou des horaires en texte libre : elles sont affichées comme elles nous sont données.",
    "Les sites vers lesquels nous faisons des liens (OpenStreetMap, Accès Libre, sites des lieux) ne sont pas couverts par cette déclaration.",
  ],
  technologiesTitle: "Technologies utilisées",
  technologies: ["HTML", "CSS", "JavaScript, seulement pour la carte : toutes les autres pages fonctionnent sans."],
  environmentTitle: "Environnement de test",
  environment: "Navigateur Chromium, avec l'outil axe-core, piloté automatiquement par Playwright.",
  feedbackTitle: "Retour d'information et contact",
  feedback:
    "Si vous n'arrivez pas à utiliser une page ou un service de ce site, dites-le-nous : nous vous donnerons l'information sous une autre forme.",
  feedbackHow:
    "Ce site n'a pas encore d'adresse de contact réservée à l'accessibilité. En attendant, utilisez le lien «\u00a0Signaler une erreur\u00a0» de la fiche d'un lieu (choisissez «\u00a0Autre chose\u00a0»), ou téléphonez au lieu.",
  remediesTitle: "Voies de recours",
  remediesIntro:
    "Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'utiliser un contenu ou un service du site, et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :",
  remedyForm: "écrire un message au Défenseur des droits",
  remedyDelegate: "contacter le délégué du Défenseur des droits dans votre région",
  remedyMail: "envoyer un courrier par la poste (gratuit, ne mettez pas de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
  establishedOn: "Cette déclaration a été établie le 24 novembre 2026.",
};
