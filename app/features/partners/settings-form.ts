/**
 * The network's referral rules (« Règles des orientations »): after how many days an unanswered
 * referral expires, how often the place is reminded until then, how many months the person's
 * details are kept once it is closed. The bounds are the database's CHECK
 * (app/db/schema/referrals.ts), said in French before it would refuse. Pure and client-safe.
 */
import { z } from "zod";
import { wholeNumber } from "~/features/scheduling/resource-form";
import { fr } from "~/lib/messages";

const m = fr.partners.settingsErrors;

export type ReferralRules = { expiryDays: number; reminderDays: number; retentionMonths: number };
/** What a network has before its coordinators change anything (the columns' defaults). */
export const DEFAULT_REFERRAL_RULES: ReferralRules = { expiryDays: 30, reminderDays: 10, retentionMonths: 6 };
export const RULE_BOUNDS = { expiryDays: [2, 365], reminderDays: [1, 364], retentionMonths: [1, 60] } as const;

export type SettingsFormValues = { expiration: string; relance: string; conservation: string };

export const ReferralSettingsSchema = z
  .object({
    expiration: wholeNumber(...RULE_BOUNDS.expiryDays, m.expiry),
    relance: wholeNumber(...RULE_BOUNDS.reminderDays, m.reminder),
    conservation: wholeNumber(...RULE_BOUNDS.retentionMonths, m.retention),
  })
  .superRefine((v, ctx) => {
    if (v.relance >= v.expiration) ctx.addIssue({ code: "custom", path: ["relance"], message: m.reminderTooLate(v.expiration) });
  })
  .transform((v): ReferralRules => ({ expiryDays: v.expiration, reminderDays: v.relance, retentionMonths: v.conservation }));

export function settingsToFormValues(rules: ReferralRules): SettingsFormValues {
  return { expiration: String(rules.expiryDays), relance: String(rules.reminderDays), conservation: String(rules.retentionMonths) };
}

export function typedSettingsValues(form: FormData): SettingsFormValues {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, 40) : "";
  };
  return { expiration: get("expiration"), relance: get("relance"), conservation: get("conservation") };
}
