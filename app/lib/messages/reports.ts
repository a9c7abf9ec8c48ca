/** French words of « Signaler une erreur » (part of the `fr` catalogue, app/lib/messages/index.ts). */

export const report = {
  title: "Signaler une erreur",
  pageTitle: (name: string) => `Signaler une erreur : ${name}`,
  errorTitlePrefix: "Erreur : ",
  intro: (name: string) => `Une information sur la fiche «\u00a0${name}\u00a0» est fausse ou manque ? Dites-le ici. Les personnes qui tiennent cette fiche à jour liront votre message.`,
  noPersonalData: "Vous n'avez pas à donner votre nom, votre courriel ou votre numéro de téléphone. N'écrivez pas d'informations personnelles dans le message.",
  retention: "Les signalements sont gardés 12 mois, puis effacés.",
  topicLegend: "Qu'est-ce qui est faux ?",
  topics: {
    horaires: "Les horaires",
    "adresse-telephone": "L'adresse ou le téléphone",
    services: "Ce qu'on peut y faire (les services)",
    "ferme-definitivement": "Le lieu est fermé définitivement",
    autre: "Autre chose",
  } as Record<string, string>,
  messageLabel: "Décrivez l'erreur",
  messageHint: "Par exemple : «\u00a0Le lieu est fermé le mercredi après-midi.\u00a0» Entre 10 et 1 000 caractères.",
  honeypot: "Ne pas remplir ce champ",
  submit: "Envoyer le signalement",
  back: "Retour à la fiche du lieu",
  errorSummary: (n: number) => (n === 1 ? "Le formulaire contient 1 erreur" : `Le formulaire contient ${n} erreurs`),
  errors: {
    topic: "Choisissez ce qui est faux.",
    messageEmpty: "Décrivez l'erreur en quelques mots.",
    messageShort: "Votre message est trop court : écrivez au moins 10 caractères.",
    messageLong: "Votre message est trop long : écrivez 1 000 caractères au plus.",
  },
  tooManyFromYou: (wait: string) => `Vous avez envoyé beaucoup de signalements. Réessayez dans ${wait}.`,
  tooManyForPlace: (wait: string) => `Ce lieu a reçu beaucoup de signalements aujourd'hui. Réessayez dans ${wait}.`,
  tooManyTitle: "Trop de signalements",
  tooLarge: "Le formulaire envoyé est trop long.",
};
