import type { ImportReport } from "./import.server";

/** The importer's report as French text for a person (CLI, logs). */
export function formatImportReport(report: ImportReport, maxLines = 200): string {
  const lines: string[] = [];
  const where = (row: number) => `${report.rowKind === "ligne" ? "Ligne" : "Enregistrement"} ${row}`;
  lines.push(`Fichier : ${report.file} (${shapeName(report.shape)})`);
  lines.push(`${report.total} lieux lus : ${report.valid} valides, ${report.invalid} en erreur${report.filtered ? `, ${report.filtered} écartés par le filtre de correspondance` : ""}.`);
  if (report.problems.length > 0) {
    lines.push("", "Erreurs :");
    for (const p of report.problems.slice(0, maxLines)) {
      lines.push(`- ${where(p.row)}${p.id ? ` (id ${p.id})` : ""}, champ « ${p.field} », valeur « ${truncate(p.value)} » : ${p.message} ${p.hint}`.trimEnd());
    }
    if (report.problems.length > maxLines) lines.push(`… et ${report.problems.length - maxLines} autres erreurs.`);
  }
  if (report.written) {
    lines.push("", `Enregistré : ${report.created} créés, ${report.updated} mis à jour, ${report.unchanged} inchangés${report.skippedOlder ? `, ${report.skippedOlder} ignorés (version plus ancienne)` : ""}.`);
    if (report.labelled) lines.push(`${report.labelled} lieux labellisés par le réseau.`);
    if (report.rejectsFile) lines.push(`Les ${report.invalid} lignes en erreur sont dans ${report.rejectsFile}.`);
  } else if (report.invalid > 0) {
    lines.push("", "Rien n'a été enregistré : corrigez les erreurs puis relancez l'import, ou utilisez --partial pour enregistrer les lignes valides et mettre les autres dans un fichier de rejets.");
  }
  const hours = report.notes.filter((n) => n.field === "horaires");
  if (report.hoursNotConverted > 0) lines.push(`${report.hoursNotConverted} horaires n'ont pas pu être convertis au format OpenStreetMap : le texte d'origine est conservé.`);
  if (report.coordinatesFromCommune > 0) lines.push(`${report.coordinatesFromCommune} lieux sans coordonnées ont reçu la position de leur commune.`);
  const otherNotes = report.notes.filter((n) => n.field !== "horaires" && !(n.field === "latitude" && n.message.startsWith("Coordonnées")));
  if (otherNotes.length > 0 || hours.length > 0) {
    lines.push("", "Remarques :");
    for (const n of [...hours, ...otherNotes].slice(0, maxLines)) {
      lines.push(`- ${where(n.row)}${n.id ? ` (id ${n.id})` : ""}, « ${n.field} » : ${n.message}`);
    }
    const more = hours.length + otherNotes.length - maxLines;
    if (more > 0) lines.push(`… et ${more} autres remarques.`);
  }
  if (report.duplicates.length > 0) {
    lines.push("", `Doublons probables avec d'autres sources (non fusionnés, à vérifier) : ${report.duplicates.length}`);
    for (const d of report.duplicates.slice(0, 50)) lines.push(`- « ${d.name} » (${d.source}) et « ${d.otherName} » (${d.otherSource}) : ${d.reason}`);
  }
  return lines.join("\n");
}

function shapeName(shape: string) {
  return shape === "v1.0.2" ? "standard national v1.0.2" : shape === "v0.1" ? "standard national v0.1" : "fichier de correspondance";
}

function truncate(value: string) {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
