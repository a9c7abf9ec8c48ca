/** French words of the SMS feature (part of the `fr` catalogue in app/lib/messages). */
export const sms = {
  dev: {
    title: "SMS",
    intro: "Aucune passerelle SMS n'est configurée (SMS_URL) : les SMS ne sont pas envoyés, ils sont affichés ici. Les 50 derniers :",
    caption: (n: number) => (n === 1 ? "1 SMS, le plus récent d'abord" : `${n} SMS, le plus récent d'abord`),
    none: "Aucun SMS pour l'instant.",
    to: "Numéro",
    date: "Date",
    text: "Texte",
  },
} as const;
