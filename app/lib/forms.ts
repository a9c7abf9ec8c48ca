/**
 * The one way an action reads and checks a form (decisions/010-forms.md):
 *
 *   const form = await readForm(request, { maxBytes: 16_384 });   // 413 past the cap
 *   const parsed = parseForm(schema, form);                         // typed values or French field errors
 *   if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
 *   const result = await someFeatureFunction(db, parsed.values);    // then switch on its typed result
 *
 * Back-office actions start with `requirePlaceForm` / `requireNetworkForm` / `requireSignedInForm`
 * (features/access), which do the same plus the rights and the anti-CSRF token.
 */
import { data } from "react-router";
import type { z } from "zod";
import { readFormCapped, BodyTooLargeError } from "./http";
import { fr } from "./messages";

/** Name of the hidden form field carrying the anti-CSRF token (the form kit writes it, features/accounts checks it). */
export const CSRF_FIELD = "csrf";

/** A form's problems: field name → its first message, in French. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/**
 * The request's form, at most `maxBytes` read whatever Content-Length says: a larger body
 * is answered 413 (a Response thrown, as React Router expects) before it is all in memory,
 * with `tooLarge` or the usual words; a body that is not a form is answered 400.
 */
export async function readForm(request: Request, options: { maxBytes: number; tooLarge?: string }): Promise<FormData> {
  try {
    return await readFormCapped(request, options.maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw data(options.tooLarge ?? fr.errors.tooLarge, { status: 413 });
    throw data(fr.errors.badRequest, { status: 400 });
  }
}

/** A form's text fields as a plain object for a schema: strings only (a file is left out), a field sent several times as an array. */
function formValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const before = values[name];
    if (Array.isArray(before)) before.push(value);
    else if (before !== undefined) values[name] = [before, value];
    else values[name] = value;
  }
  return values;
}

export type ParsedForm<T> = { ok: true; values: T } | { ok: false; errors: FieldErrors };

/** The first message of each field (a problem with the whole form goes under `form`). */
export function fieldErrors<K extends string = string>(error: z.ZodError): FieldErrors<K> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors as FieldErrors<K>;
}

/** Check a form (or values already read from it) against its zod schema: typed values, or French messages per field. */
export function parseForm<S extends z.ZodType>(schema: S, input: FormData | Record<string, unknown>): ParsedForm<z.output<S>> {
  const result = schema.safeParse(input instanceof FormData ? formValues(input) : input);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: fieldErrors(result.error) };
}
