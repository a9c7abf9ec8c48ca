/**
 * A form's optional phone and email fields, read the same way everywhere a person's contact is
 * typed (a person followed by name, a referred person): trimmed, empty → null, the phone in
 * E.164, the email lower-cased, the field's French message otherwise.
 */
import { z } from "zod";
import { normalizePhone } from "./phone";

const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());

/** A phone number (French or international) as E.164, or null when left empty. */
export const optionalPhone = (message: string) =>
  text(message).transform((v, ctx) => {
    if (v === "") return null;
    const phone = normalizePhone(v);
    if (!phone) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return phone;
  });

/** An email address, lower-cased, or null when left empty. */
export const optionalEmail = (message: string) =>
  text(message)
    .pipe(z.union([z.literal(""), z.email({ error: message }).max(254, { error: message })]))
    .transform((v) => (v === "" ? null : v.toLowerCase()));
