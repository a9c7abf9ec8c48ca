/**
 * A real XLSX shaped as La Coop de la médiation numérique's activity export, built with exceljs
 * as La Coop builds it (`apps/web/src/features/activites/use-cases/list/export/buildAccompagnementsWorksheet.ts`
 * @ inclusion-numerique/coop-mediation-numerique): a sheet « Activités », the export's information
 * and filters first, a blank row, then a table with La Coop's exact headers, one row per participant.
 * `self`: the mediator's own export (« Bénéficiaire », « Notes supplémentaires »); otherwise a
 * coordinator's (the mediator's names, role and id instead).
 */
import ExcelJS from "exceljs";

/** La Coop's headers, in its order (without the V1 « Source de la donnée »). */
export function coopHeaders(self: boolean): string[] {
  return [
    "Date",
    "Enregistré le",
    "Dernière modification le",
    ...(self ? [] : ["Prénom du médiateur", "Nom du médiateur", "Rôle", "ID - Conum"]),
    "Type",
    "Participants",
    ...(self ? ["Bénéficiaire"] : []),
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
    ...(self ? ["Notes supplémentaires"] : []),
    "ID CRA",
  ];
}

export type CoopRow = Record<string, string | number | Date | null>;

/** An individual activity's row, as La Coop writes it; `values` override or add cells. */
export function individualRow(values: CoopRow = {}): CoopRow {
  return {
    Date: new Date("2025-03-14T00:00:00Z"),
    "Enregistré le": "14/03/2025 à 10:12",
    "Dernière modification le": "",
    Type: "Accompagnement individuel",
    Participants: 1,
    Bénéficiaire: "Bénéficiaire anonyme",
    "Canaux d’accompagnement": "Lieu d’activité",
    "Nom du lieu": "France services de Vierzon",
    Adresse: "1 place de la Libération",
    Commune: "Vierzon",
    "Code postal": "18100",
    "Code Insee": "18279",
    "Durée (min)": 45,
    "Nom de l’atelier": "",
    "Matériel numérique utilisé": "Ordinateur\nTéléphone",
    "Thématique(s) d’accompagnement": "Navigation sur internet\nAide aux démarches administratives\nSocial - Santé",
    Tags: "",
    "Nom de la démarche administrative": "",
    "Niveau d’autonomie (ou de l’atelier)": "2/3",
    "Bénéficiaire réorienté": "Non",
    "Structure de redirection": "",
    "Commune du bénéficiaire": "",
    "Code postal du bénéficiaire": "",
    "Code Insee du bénéficiaire": "",
    "Genre du bénéficiaire": "Féminin",
    "Tranche d’âge du bénéficiaire": "60 - 69 ans",
    "Statut du bénéficiaire": "Retraité",
    "Notes supplémentaires": "",
    "ID CRA": "0b6b6a3e-7d0a-4a57-9f4e-1a1c1d2e3f01",
    ...values,
  };
}

/** The rows of a collective activity, one per participant (1/n … n/n), each with its person's attributes. */
export function collectiveRows(people: { gender: string; age: string; status: string; name?: string }[], values: CoopRow = {}): CoopRow[] {
  return people.map((person, i) =>
    individualRow({
      Type: "Atelier collectif",
      Participants: `${i + 1}/${people.length}`,
      Bénéficiaire: person.name ?? "Bénéficiaire anonyme",
      "Canaux d’accompagnement": "Autre lieu",
      "Nom du lieu": "",
      Adresse: "",
      Commune: "Mehun-sur-Yèvre",
      "Code postal": "18500",
      "Code Insee": "18141",
      "Durée (min)": 120,
      "Nom de l’atelier": "Premiers pas sur la tablette",
      "Matériel numérique utilisé": "Tablette",
      "Thématique(s) d’accompagnement": "Prendre en main du matériel",
      "Niveau d’autonomie (ou de l’atelier)": "1/3",
      "Bénéficiaire réorienté": "",
      "Genre du bénéficiaire": person.gender,
      "Tranche d’âge du bénéficiaire": person.age,
      "Statut du bénéficiaire": person.status,
      "Notes supplémentaires": i === 0 ? "Groupe très motivé" : "",
      "ID CRA": "5d1f0c52-1b2c-4d3e-8f90-aabbccddee02",
      ...values,
    }),
  );
}

/** The workbook's bytes. */
export async function coopExportXlsx(rows: CoopRow[], options: { self?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const self = options.self ?? true;
  const headers = coopHeaders(self);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "La Coop de la médiation numérique";
  const sheet = workbook.addWorksheet("Activités");
  sheet.addRow(["Informations export"]).getCell(1).font = { bold: true };
  sheet.addRows([["Nom", "Martin"], ["Prénom", "Claire"], ["Rôle", "Conseiller numérique"], ["Total", rows.length], ["Date d'export", "02/04/2025"], ["Heure d'export", "09:30"], []]);
  sheet.addRow(["Filtres"]).getCell(1).font = { bold: true };
  sheet.addRows([["Période", "-"], ["Source", "-"], ["Lieux d’accompagnement", "-"], ["Communes", "-"], ["Départements", "-"], ["Type d’accompagnement", "-"], ["Rôle", "-"], ["Thématiques non administratives", "-"], ["Thématiques administratives", "-"], ["Tags", "-"], []]);
  const blank = sheet.addRow([""]);
  sheet.addTable({
    name: "Activités",
    ref: `A${blank.number + 1}`,
    headerRow: true,
    totalsRow: false,
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows: rows.map((row) => headers.map((h) => row[h] ?? "")),
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The file as a browser uploads it. */
export function coopFile(bytes: Uint8Array<ArrayBuffer>, name = "coop-numerique_accompagnements_2025-04-02.xlsx"): File {
  return new File([bytes], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}
