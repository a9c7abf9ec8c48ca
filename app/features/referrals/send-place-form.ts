/**
 * « Envoyer les coordonnées d'un lieu »: where to send them — a mobile number for an SMS, or an
 * address for a mail. One zod schema with French messages; pure and client-safe. Nothing of it
 * is kept once the message is queued.
 */
import { z } from "zod";
import { fr } from "~/lib/messages";
import { isMobilePhone, normalizePhone } from "~/lib/phone";

const m = fr.referrals.sendPlace.errors;
const e = fr.referrals.errors;

export type SendChannel = "sms" | "email";
/** `to`: E.164 for an SMS, the address (lower case) for a mail. */
export type SendPlaceInput = { channel: SendChannel; to: string };

const text = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim());

/** A French number that is not a mobile (a landline, 01 to 05 and 09, and the overseas ones) cannot take an SMS; a foreign one may. */
const FRENCH = /^\+(33|590|594|596|262)/;

/** The form, as read by `parseForm`: `canal` (sms, email; guessed from what was typed when missing), `telephone`, `courriel`. */
export const SendPlaceSchema = z
  .object({
    canal: text,
    telephone: text,
    courriel: text,
  })
  .transform((v, ctx): SendPlaceInput => {
    if (v.canal !== "" && v.canal !== "sms" && v.canal !== "email") {
      ctx.addIssue({ code: "custom", path: ["canal"], message: m.channel });
      return z.NEVER;
    }
    const channel: SendChannel = v.canal || (v.telephone === "" && v.courriel !== "" ? "email" : "sms");
    if (v.telephone === "" && v.courriel === "") {
      ctx.addIssue({ code: "custom", path: [channel === "sms" ? "telephone" : "courriel"], message: m.noContact });
      return z.NEVER;
    }
    if (channel === "sms") {
      if (v.telephone === "") {
        ctx.addIssue({ code: "custom", path: ["telephone"], message: m.phoneForSms });
        return z.NEVER;
      }
      const phone = normalizePhone(v.telephone);
      if (!phone) {
        ctx.addIssue({ code: "custom", path: ["telephone"], message: e.phone });
        return z.NEVER;
      }
      if (FRENCH.test(phone) && !isMobilePhone(phone)) {
        ctx.addIssue({ code: "custom", path: ["telephone"], message: m.landline });
        return z.NEVER;
      }
      return { channel, to: phone };
    }
    if (v.courriel === "") {
      ctx.addIssue({ code: "custom", path: ["courriel"], message: m.emailForMail });
      return z.NEVER;
    }
    const email = z.email().max(254).safeParse(v.courriel);
    if (!email.success) {
      ctx.addIssue({ code: "custom", path: ["courriel"], message: e.email });
      return z.NEVER;
    }
    return { channel, to: email.data.toLowerCase() };
  });

/** The form's fields in the page's order (the error summary's). */
export const SEND_PLACE_FIELDS = ["canal", "telephone", "courriel"] as const;
