/**
 * The "créer un lieu" form of the network page: the national standard's required fields
 * (id and date_maj are set by the platform), zod with French messages. Client-safe: the
 * page's markup uses the field list.
 */
import { z } from "zod";
import { fr } from "~/lib/messages";

const e = fr.backoffice.edit;

export const CREATE_FIELDS = ["nom", "pivot", "adresse", "code_postal", "commune"] as const;
export type CreateValues = Record<(typeof CREATE_FIELDS)[number], string>;
export type CreateErrors = Partial<Record<(typeof CREATE_FIELDS)[number], string>>;

const text = (max: number) => z.string().trim().max(max, e.tooLong(max)).min(1, e.required);
export const createPlaceSchema = z.object({
  nom: text(200),
  pivot: text(14),
  adresse: text(300),
  code_postal: z.string().trim().regex(/^\d{5}$/, e.postcode),
  commune: text(100),
});

export function readCreateForm(form: FormData): CreateValues {
  const get = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  return { nom: get("nom"), pivot: get("pivot"), adresse: get("adresse"), code_postal: get("code_postal"), commune: get("commune") };
}

