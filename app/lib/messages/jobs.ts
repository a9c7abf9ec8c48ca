/** French words of the job queue's back-office page, /gestion/taches (part of the `fr` catalogue). */
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export const jobs = {
  pageTitle: "Tâches en arrière-plan",
  intro:
    "La plateforme fait certaines tâches plus tard ou à intervalles réguliers : envoyer les courriels et les SMS, effacer les données personnelles trop anciennes, entretenir la base de données. Une tâche qui échoue est réessayée plusieurs fois, de plus en plus espacées. Si elle échoue encore, elle apparaît ici.",
  back: "Retour à l'espace de gestion",
  kinds: {
    "mail.send": "Envoi d'un courriel",
    "sms.send": "Envoi d'un SMS",
    "retention.purge": "Effacement des données personnelles anciennes",
    "maintenance.pglite": "Entretien de la base de données",
  } as Record<string, string>,
  waitingTitle: "Tâches prévues",
  waitingCaption: "Tâches en attente et en cours, par type",
  noneWaiting: "Aucune tâche n'est prévue.",
  kind: "Type de tâche",
  pending: "En attente",
  running: "En cours",
  nextRun: "Prochaine exécution prévue",
  failedTitle: "Tâches en échec",
  failedIntro:
    "Ces tâches ont échoué à chaque essai. Corrigez d'abord la cause (par exemple l'adresse du serveur de courriel), puis relancez-les. Sans action, elles sont effacées au bout de 90 jours.",
  failedCaption: (n: number) => `${plural(n, "tâche en échec", "tâches en échec")}, la plus récente d'abord`,
  noneFailed: "Aucune tâche en échec.",
  key: "Clé",
  attempts: "Essais",
  lastError: "Dernière erreur",
  createdAt: "Créée le",
  failedAt: "En échec depuis le",
  action: "Action",
  retry: "Relancer",
  retryLabel: (kind: string, failedAt: string) => `Relancer : ${kind}, en échec depuis le ${failedAt}`,
  retried: "La tâche est relancée : elle sera exécutée dans les prochaines secondes.",
  notFound: "Cette tâche n'est plus en échec : elle a peut-être déjà été relancée.",
  homeLink: "Tâches en arrière-plan",
  homeFailed: (n: number) => (n === 0 ? "" : ` (${n} en échec)`),
};
