/**
 * The scoring grid's form, without JavaScript: the existing criteria and a few empty rows, each
 * `critere_<i>` (the name), `poids_<i>` (its weight, 1–10) and `id_<i>` (kept, so a renamed
 * criterion keeps its scores); `echelle`, the best score (2–20). Empty rows are ignored.
 */
import { fr } from "~/lib/messages";
import type { Grid } from "./form-types";

const m = fr.applications.grid;
export const EMPTY_ROWS = 3;

export type GridFormValues = { echelle: string; rows: { id: string; label: string; weight: string }[] };

export function gridFormValues(grid: Grid): GridFormValues {
  return {
    echelle: String(grid.scale),
    rows: [...grid.criteria.map((c) => ({ id: c.id, label: c.label, weight: String(c.weight) })), ...Array.from({ length: EMPTY_ROWS }, () => ({ id: "", label: "", weight: "1" }))],
  };
}

export function typedGridValues(form: FormData): GridFormValues {
  const rows: GridFormValues["rows"] = [];
  for (let i = 0; form.has(`critere_${i}`); i++) rows.push({ id: String(form.get(`id_${i}`) ?? ""), label: String(form.get(`critere_${i}`) ?? ""), weight: String(form.get(`poids_${i}`) ?? "") });
  return { echelle: String(form.get("echelle") ?? ""), rows };
}

export function readGridForm(form: FormData): { ok: true; grid: Grid } | { ok: false; errors: Record<string, string> } {
  const values = typedGridValues(form);
  const errors: Record<string, string> = {};
  const scale = Number(values.echelle.trim());
  if (!Number.isInteger(scale) || scale < 2 || scale > 20) errors.echelle = m.scaleInvalid;
  const used = new Set(values.rows.map((r) => r.id).filter(Boolean));
  let next = 1;
  const freshId = () => {
    while (used.has(`c${next}`)) next++;
    used.add(`c${next}`);
    return `c${next}`;
  };
  const criteria: Grid["criteria"] = [];
  values.rows.forEach((row, i) => {
    const label = row.label.trim();
    if (!label) {
      if (row.id) errors[`critere_${i}`] = m.criterionRequired;
      return;
    }
    const weight = Number(row.weight.trim() || "1");
    if (!Number.isInteger(weight) || weight < 1 || weight > 10) errors[`poids_${i}`] = m.weightInvalid;
    criteria.push({ id: /^c\d+$/.test(row.id) ? row.id : freshId(), label: label.slice(0, 200), weight });
  });
  if (!criteria.length && !Object.keys(errors).length) errors.critere_0 = m.criterionRequired;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, grid: { scale, criteria } };
}
