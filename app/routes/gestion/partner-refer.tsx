import { data, redirect } from "react-router";
import type { Route } from "./+types/partner-refer";
import { forbidden, requirePartner, requirePartnerForm } from "~/features/access/access.server";
import { getPlaceTarget } from "~/features/accounts/users.server";
import { can } from "~/features/policy/policy";
import { NEED_CODES, ReferralSchema, REFERRAL_FIELDS } from "~/features/referrals/referral-form";
import { AppointmentFieldset, themeWords } from "~/features/referrals/referral-parts";
import { getReferralRules } from "~/features/partners/partners.server";
import { createReferral, referralPlace } from "~/features/referrals/referrals.server";
import { newIdempotencyKey } from "~/features/scheduling/public-booking.server";
import { appContext, type AppContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, TextField } from "~/ui/form";

const m = fr.referrals;
const MAX_BODY_BYTES = 16 * 1024;

/** The place, if it is published in the partner's network and the adviser may refer there (else 404 / 403). */
async function placeFor(app: AppContext, partner: { id: string; networkId: string }, slug: string, principal: Parameters<typeof can>[0]) {
  const place = await referralPlace(app.database.db, { networkId: partner.networkId, slug, now: Date.now() });
  if (!place) throw data(fr.backoffice.notFound, { status: 404 });
  const target = await getPlaceTarget(app.database.db, place.id);
  if (!can(principal, "partner.refer", { partnerId: partner.id, ...target })) throw forbidden();
  return place;
}

/** « Orienter une personne », step 2: the person, their needs, the appointment (book now, or let the place call), their consent. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, partner } = await requirePartner(request, context, params.partnerId);
  const app = context.get(appContext);
  const place = await placeFor(app, partner, params.slug, signedIn.principal);
  const rules = await getReferralRules(app.database.db, partner.networkId);
  return {
    partner: { id: partner.id, name: partner.name },
    place: { slug: place.slug, name: place.name, address: `${place.address}, ${place.postcode} ${place.commune}` },
    choices: { timeZone: place.timeZone, offers: place.offers.map((o) => ({ key: o.key, name: o.name, slots: o.slots.map((s) => ({ start: s.start })) })), sessions: place.sessions },
    consent: m.consent({ partner: partner.name, place: place.name, retentionMonths: rules.retentionMonths }),
    csrfToken: signedIn.csrfToken,
    key: newIdempotencyKey(),
  };
}

type ActionData = { errors: FieldErrors; values: Record<string, string | string[]> };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, partner, form } = await requirePartnerForm(request, context, params.partnerId, MAX_BODY_BYTES);
  const app = context.get(appContext);
  const place = await placeFor(app, partner, params.slug, signedIn.principal);
  const values: Record<string, string | string[]> = {};
  for (const name of [...REFERRAL_FIELDS, "cle"]) values[name] = name === "besoins" ? form.getAll(name).map(String) : String(form.get(name) ?? "").slice(0, 1200);
  const parsed = parseForm(ReferralSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const result = await createReferral(app.database.db, {
    partner, adviserId: signedIn.user.id, place, values: parsed.values, baseUrl: app.env.baseUrl,
    options: { secret: app.env.sessionSecret, baseUrl: app.env.baseUrl },
  });
  if (result.kind === "invalid") return data<ActionData>({ errors: result.errors, values }, { status: 409 });
  return redirect(`/gestion/partenaires/${partner.id}/orientations/${result.id}?envoyee`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PartnerRefer({ loaderData, actionData }: Route.ComponentProps) {
  const { partner, place, choices, consent, csrfToken, key } = loaderData;
  const errors = actionData?.errors ?? {};
  const v = (name: string) => {
    const value = actionData?.values[name];
    return typeof value === "string" ? value : "";
  };
  const f = m.form;
  const checked = (actionData?.values.besoins as string[] | undefined) ?? [];
  return (
    <>
      <title>{`${f.title(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/partenaires/${partner.id}/orienter`}>{m.choosePlace.title}</a>
      </p>
      <h1>{f.title(place.name)}</h1>
      <p>{place.address}</p>
      <ErrorSummary errors={errors} />
      <form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="cle" value={v("cle") || key} />
        <fieldset>
          <legend>{f.person}</legend>
          <TextField name="prenom" label={f.firstName} value={v("prenom")} error={errors.prenom} required autoComplete="off" />
          <TextField name="nom" label={f.lastName} value={v("nom")} error={errors.nom} required autoComplete="off" />
          <TextField name="telephone" label={f.phone} hint={f.phoneHint} value={v("telephone")} error={errors.telephone} type="tel" inputMode="tel" autoComplete="off" />
          <TextField name="courriel" label={f.email} value={v("courriel")} error={errors.courriel} type="email" inputMode="email" autoComplete="off" />
          <RadioGroup name="contact" legend={f.contact} options={Object.entries(m.contactPreferences)} value={v("contact") || "phone"} error={errors.contact} inline />
        </fieldset>
        <CheckboxGroup name="besoins" legend={f.needs} options={NEED_CODES} labels={(code) => themeWords([code])} checked={checked} error={errors.besoins} />
        <TextField name="note" label={f.note} hint={f.noteHint} value={v("note")} error={errors.note} multiline rows={3} />
        <TextField name="reference" label={f.reference} hint={f.referenceHint} value={v("reference")} error={errors.reference} />
        <AppointmentFieldset choices={choices} value={v("rendez_vous") || "lieu"} error={errors.rendez_vous} withPlaceCalls legend={f.appointment} />
        <fieldset className={errors.consentement ? "field-invalid" : undefined}>
          <legend>{f.consentTitle}</legend>
          <blockquote id="texte-accord">{consent}</blockquote>
          {errors.consentement ? (
            <p className="field-error" id="champ-consentement-erreur">
              {errors.consentement}
            </p>
          ) : null}
          <div className="check">
            <input type="checkbox" id="champ-consentement" name="consentement" value="oui" aria-describedby={errors.consentement ? "texte-accord champ-consentement-erreur" : "texte-accord"} />
            <label htmlFor="champ-consentement">{f.consentBox}</label>
          </div>
        </fieldset>
        <button type="submit">{f.submit}</button>
      </form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
