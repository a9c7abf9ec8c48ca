import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/place-beneficiary";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { currentConsent, editBeneficiary, getBeneficiary, getRetentionMonths, postcodeOf, recordConsent, searchBeneficiaries } from "~/features/mediation/beneficiaries.server";
import { BeneficiaryFields, displayName, HistoryTable } from "~/features/mediation/beneficiaries-parts";
import { BeneficiarySchema, beneficiaryToFormValues, ConsentSchema, typedBeneficiaryValues, type BeneficiaryFormValues } from "~/features/mediation/beneficiary-form";
import { beneficiaryHistory } from "~/features/mediation/beneficiary-history.server";
import { ConsentSection, EraseConfirm, MergeSection, PersonSummary, RightsSection, type Candidate } from "~/features/mediation/beneficiary-page-parts";
import { eraseBeneficiary, mergeBeneficiaries } from "~/features/mediation/beneficiary-rights.server";
import { MemberBadge } from "~/features/memberships/members-parts";
import { memberUntil } from "~/features/memberships/memberships.server";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice } from "~/ui/form";

const m = fr.beneficiaries;
const MAX_BODY_BYTES = 16 * 1024;
const NOTICES = { cree: m.created, enregistre: m.saved, inchange: m.unchanged, accord: m.consentRenewed, fusionne: m.merged } as const;
const DuplicateSchema = z.object({ doublon: z.uuid({ error: m.mergeUnknown }) });
const candidate = (c: Candidate): Candidate => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, communeName: c.communeName, birthYear: c.birthYear });

/** A followed person: what we hold, consent, history (records, bookings, registrations), rights, merge. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.mediation");
  const db = context.get(appContext).database.db;
  const person = await getBeneficiary(db, { placeId: place.id, beneficiaryId: params.beneficiaryId });
  if (person?.mergedInto) throw redirect(`/gestion/lieux/${place.id}/beneficiaires/${person.mergedInto}`);
  if (!person || person.anonymisedAt || !person.firstName) throw data(m.notFound, { status: 404 });
  const url = new URL(request.url);
  const [history, consent, retentionMonths, memberEndsOn] = await Promise.all([
    beneficiaryHistory(db, { placeId: place.id, beneficiaryId: person.id, timeZone: place.timeZone }),
    currentConsent(db, place.id),
    getRetentionMonths(db, place.id),
    memberUntil(db, { placeId: place.id, beneficiaryId: person.id, day: todayIn(place.timeZone, Date.now()) }),
  ]);
  if (!consent) throw data(fr.backoffice.notFound, { status: 404 });
  const asCandidate = candidate({ ...person, firstName: person.firstName });
  const chosen = url.searchParams.get("fusionner");
  let merge: { step: "search"; q: string; candidates: Candidate[] } | { step: "confirm"; kept: Candidate; duplicate: Candidate } | null = null;
  if (chosen && isUuid(chosen) && chosen !== person.id) {
    const duplicate = await getBeneficiary(db, { placeId: place.id, beneficiaryId: chosen });
    if (duplicate && !duplicate.anonymisedAt && duplicate.firstName) merge = { step: "confirm", kept: asCandidate, duplicate: candidate({ ...duplicate, firstName: duplicate.firstName }) };
  } else if (chosen !== null) {
    const q = (url.searchParams.get("doublon_q") ?? "").trim().slice(0, 100);
    merge = { step: "search", q, candidates: q ? (await searchBeneficiaries(db, { placeId: place.id, q, limit: 20, excludeId: person.id })).map(candidate) : [] };
  }
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
    memberUntil: memberEndsOn,
    person: {
      id: person.id, firstName: person.firstName, lastName: person.lastName, phone: person.phone, email: person.email, birthYear: person.birthYear, notes: person.notes,
      ageBand: person.ageBand, gender: person.gender, socialStatus: person.socialStatus, communeName: person.communeName, consentWording: person.consentWording,
      consentAt: iso(person.consentAt), consentByName: person.consentByName, createdAt: person.createdAt.toISOString(), lastActivityAt: person.lastActivityAt.toISOString(),
    },
    values: beneficiaryToFormValues({ ...person, postcode: postcodeOf(person.communeInsee) }),
    consent: { outdated: person.consentWording !== consent.wording, text: consent.text, fingerprint: consent.fingerprint },
    retentionMonths,
    history: history.map((h) =>
      h.kind === "record" ? h : h.kind === "booking" ? { ...h, at: h.at.toISOString(), endsAt: h.endsAt.toISOString() } : { ...h, at: h.at ? h.at.toISOString() : null },
    ),
    erasing: url.searchParams.has("effacer"),
    merge,
  };
}

type ActionData = { form: "modifier" | "accord" | "fusionner"; errors?: FieldErrors; values?: BeneficiaryFormValues; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.mediation", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const here = `/gestion/lieux/${place.id}/beneficiaires/${params.beneficiaryId}`;
  const who = { placeId: place.id, beneficiaryId: params.beneficiaryId, actorUserId: signedIn.user.id };
  const notFound = () => data(m.notFound, { status: 404 });
  switch (form.get("intent")) {
    case "modifier": {
      const values = typedBeneficiaryValues(form);
      const parsed = parseForm(BeneficiarySchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "modifier", errors: parsed.errors, values }, { status: 400 });
      const result = await editBeneficiary(db, { ...who, values: parsed.values });
      if (result.kind === "saved" || result.kind === "unchanged") return redirect(`${here}?${result.kind === "saved" ? "enregistre" : "inchange"}`, 303);
      if (result.kind === "commune-unknown" || result.kind === "commune-ambiguous") {
        return data<ActionData>({ form: "modifier", errors: { commune: result.kind === "commune-unknown" ? m.errors.communeUnknown : m.errors.communeAmbiguous }, values }, { status: 400 });
      }
      throw notFound();
    }
    case "accord": {
      const parsed = parseForm(ConsentSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "accord", errors: parsed.errors }, { status: 400 });
      const result = await recordConsent(db, { ...who, consentFingerprint: parsed.values.consentFingerprint });
      if (result.kind === "saved") return redirect(`${here}?accord`, 303);
      if (result.kind === "consent-changed") return data<ActionData>({ form: "accord", errors: { consentement: m.errors.consentChanged } }, { status: 400 });
      throw notFound();
    }
    case "effacer": {
      // Erasing is confirmed on its own step: a post without the confirmation goes there.
      if (form.get("confirme") !== "oui") return redirect(`${here}?effacer#effacer`, 303);
      if ((await eraseBeneficiary(db, who)) === "not-found") throw notFound();
      return redirect(`/gestion/lieux/${place.id}/beneficiaires?efface`, 303);
    }
    case "fusionner": {
      const parsed = parseForm(DuplicateSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "fusionner", problem: m.mergeUnknown }, { status: 400 });
      const result = await mergeBeneficiaries(db, { placeId: place.id, keptId: params.beneficiaryId, duplicateId: parsed.values.doublon, actorUserId: signedIn.user.id });
      if (result.kind === "merged") return redirect(`${here}?fusionne`, 303);
      return data<ActionData>({ form: "fusionner", problem: result.kind === "same" ? m.mergeSelf : m.mergeUnknown }, { status: result.kind === "same" ? 400 : 404 });
    }
    default:
      return data<ActionData>({ form: "modifier", problem: m.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceBeneficiary({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, notice, person, values, consent, retentionMonths, history, erasing, merge, memberUntil: memberEndsOn } = loaderData;
  const here = `/gestion/lieux/${place.id}/beneficiaires/${person.id}`;
  const name = displayName(person);
  const editErrors = actionData?.form === "modifier" ? (actionData.errors ?? {}) : {};
  const failed = Boolean(actionData?.problem || Object.keys(actionData?.errors ?? {}).length > 0);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.personTitle(name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/beneficiaires`}>{m.backToList}</a>
      </p>
      <h1>{m.personTitle(name)}</h1>
      <MemberBadge until={memberEndsOn} />
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        <a href={`/gestion/lieux/${place.id}/accompagnements/nouveau?personne=${person.id}`}>{fr.mediation.newFor(name)}</a>
      </p>
      <ErrorSummary title={fr.backoffice.errorSummary} errors={actionData?.errors} problem={actionData?.problem} />
      {erasing ? <EraseConfirm action={here} csrfToken={csrfToken} name={name} /> : null}

      <section aria-labelledby="informations">
        <h2 id="informations">{m.detailsTitle}</h2>
        <PersonSummary person={person} timeZone={place.timeZone} retentionMonths={retentionMonths} />
        <details open={actionData?.form === "modifier"}>
          <summary>{m.editTitle}</summary>
          <form method="post" action={here} className="backoffice-form" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="modifier" />
            <BeneficiaryFields values={actionData?.form === "modifier" && actionData.values ? actionData.values : values} errors={editErrors} />
            <button type="submit">{m.save}</button>
          </form>
        </details>
      </section>

      <ConsentSection
        action={here} csrfToken={csrfToken} person={person} timeZone={place.timeZone} outdated={consent.outdated} current={consent}
        errors={actionData?.form === "accord" ? (actionData.errors ?? {}) : {}}
      />

      <section aria-labelledby="historique">
        <h2 id="historique">{m.historyTitle}</h2>
        <p>{m.historyIntro}</p>
        <HistoryTable placeId={place.id} lines={history} timeZone={place.timeZone} />
      </section>

      <RightsSection here={here} />
      <MergeSection here={here} csrfToken={csrfToken} name={name} merge={merge} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
