/** French words of the importer (features/places/import.server.ts) and of its text report (CLI). */
type RowKind = "ligne" | "enregistrement";
const where = (kind: RowKind, row: number) => `${kind === "ligne" ? "Ligne" : "Enregistrement"} ${row}`;

export const importer = {
  notes: {
    idComputed: "Identifiant absent : un identifiant stable a été calculé à partir du nom et de l'adresse.",
    inseeCorrected: (insee: string, commune: string) => `Code INSEE corrigé en ${insee} (${commune}) d'après la commune et le code postal.`,
    coordinatesFromCommune: (commune: string) => `Coordonnées absentes : position de la commune ${commune} utilisée.`,
    olderIgnored: (updatedOn: string) => `Ignoré : la plateforme a une version plus récente (${updatedOn}).`,
  },
  problems: {
    duplicateId: (kind: RowKind, row: number) => `Cet identifiant est déjà utilisé ${kind === "ligne" ? "à la ligne" : "par l'enregistrement"} ${row}.`,
    duplicateIdHint: "Chaque lieu doit avoir un identifiant unique dans le fichier.",
  },
  noNetwork: (slug: string) => `Le réseau « ${slug} » n'existe pas. Créez-le d'abord : npm run cli -- network create ${slug} --name "Nom du réseau"`,
  duplicates: {
    sameCommune: (reasons: string[]) => `Même commune, ${reasons.join(", ")}`,
    names: (percent: number) => `noms proches (${percent} %)`,
    addresses: (percent: number) => `adresses proches (${percent} %)`,
    metres: (metres: number) => `à ${metres} m`,
  },
  report: {
    where,
    file: (file: string, shape: string) => `Fichier : ${file} (${shape === "v1.0.2" ? "standard national v1.0.2" : shape === "v0.1" ? "standard national v0.1" : "fichier de correspondance"})`,
    counts: (total: number, valid: number, invalid: number, filtered: number) =>
      `${total} lieux lus : ${valid} valides, ${invalid} en erreur${filtered ? `, ${filtered} écartés par le filtre de correspondance` : ""}.`,
    errorsTitle: "Erreurs :",
    problem: (at: string, id: string | undefined, field: string, value: string, message: string, hint: string) =>
      `- ${at}${id ? ` (id ${id})` : ""}, champ « ${field} », valeur « ${value} » : ${message} ${hint}`.trimEnd(),
    moreErrors: (n: number) => `… et ${n} autres erreurs.`,
    written: (created: number, updated: number, unchanged: number, skippedOlder: number) =>
      `Enregistré : ${created} créés, ${updated} mis à jour, ${unchanged} inchangés${skippedOlder ? `, ${skippedOlder} ignorés (version plus ancienne)` : ""}.`,
    labelled: (n: number) => `${n} lieux labellisés par le réseau.`,
    rejects: (n: number, file: string) => `Les ${n} lignes en erreur sont dans ${file}.`,
    nothingWritten:
      "Rien n'a été enregistré : corrigez les erreurs puis relancez l'import, ou utilisez --partial pour enregistrer les lignes valides et mettre les autres dans un fichier de rejets.",
    hoursNotConverted: (n: number) => `${n} horaires n'ont pas pu être convertis au format OpenStreetMap : le texte d'origine est conservé.`,
    coordinatesFromCommune: (n: number) => `${n} lieux sans coordonnées ont reçu la position de leur commune.`,
    notesTitle: "Remarques :",
    note: (at: string, id: string | undefined, field: string, message: string) => `- ${at}${id ? ` (id ${id})` : ""}, « ${field} » : ${message}`,
    moreNotes: (n: number) => `… et ${n} autres remarques.`,
    duplicatesTitle: (n: number) => `Doublons probables avec d'autres sources (non fusionnés, à vérifier) : ${n}`,
    duplicate: (name: string, source: string, otherName: string, otherSource: string, reason: string) => `- « ${name} » (${source}) et « ${otherName} » (${otherSource}) : ${reason}`,
  },
};
