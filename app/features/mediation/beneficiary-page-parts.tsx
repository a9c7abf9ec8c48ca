/**
 * The sections of a followed person's page: what we hold (summary), consent (when, by whom, the
 * wording shown; renewing it to today's text), their rights (export, erasure with a confirm step),
 * and merging a duplicate (search, then confirm). Plain forms: no JavaScript needed.
 */
import { Fragment } from "react";
import { formatDateTime } from "~/features/time/format";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import { CsrfField, FieldError, fieldId } from "~/ui/form";
import { AGE_BAND_LABELS, GENDER_LABELS, SOCIAL_STATUS_LABELS } from "./coop-model";
import type { ConsentText } from "./consent";
import { ConsentTextView, displayName, StoredWording } from "./beneficiaries-parts";
import type { CoopAgeBand, CoopGender, CoopSocialStatus } from "~/db/schema/people";

const m = fr.beneficiaries;
const f = m.fields;

export type PersonView = {
  id: string;
  firstName: string;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  notes: string | null;
  ageBand: CoopAgeBand;
  gender: CoopGender;
  socialStatus: CoopSocialStatus;
  communeName: string | null;
  consentWording: string | null;
  consentAt: string | null;
  consentByName: string | null;
  createdAt: string;
  lastActivityAt: string;
};

/** What the place holds about the person, as a list of terms. */
export function PersonSummary({ person, timeZone, retentionMonths }: { person: PersonView; timeZone: string; retentionMonths: number }) {
  const rows: [string, string][] = [
    [f.firstName, person.firstName],
    [f.lastName, person.lastName ?? m.none],
    [f.phone, person.phone ? formatPhone(person.phone) : m.none],
    [f.email, person.email ?? m.none],
    [f.birthYear, person.birthYear ? String(person.birthYear) : m.none],
    [f.ageBand, AGE_BAND_LABELS[person.ageBand]],
    [f.gender, GENDER_LABELS[person.gender]],
    [f.socialStatus, SOCIAL_STATUS_LABELS[person.socialStatus]],
    [f.commune, person.communeName ?? m.none],
    [f.notes, person.notes ?? m.none],
  ];
  return (
    <>
      <dl className="facts">
        {rows.map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd className="pre-line">{value}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="muted">
        {m.createdOn(formatDateTime(new Date(person.createdAt), { timeZone }))} {m.lastActivityOn(formatDateTime(new Date(person.lastActivityAt), { timeZone }))}{" "}
        {m.retentionOn(retentionMonths)}
      </p>
    </>
  );
}

/** The box the mediator ticks once the person agreed, with the fingerprint of the text shown above it. */
export function ConsentBox({ fingerprint, error, ticked }: { fingerprint: string; error?: string; ticked: boolean }) {
  return (
    <>
      <input type="hidden" name="texte_consentement" value={fingerprint} />
      <FieldError name="consentement" id={fieldId("consentement")} error={error} />
      <div className="check">
        <input type="checkbox" id={fieldId("consentement")} name="consentement" value="oui" required defaultChecked={ticked} />
        <label htmlFor={fieldId("consentement")}>{m.consentCheckbox}</label>
      </div>
    </>
  );
}

/** When and by whom the person agreed, the wording they were shown, and renewing it when the place's text changed since. */
export function ConsentSection(props: {
  action: string;
  csrfToken: string;
  person: PersonView;
  timeZone: string;
  outdated: boolean;
  current: { text: ConsentText; fingerprint: string };
  errors: FieldErrors;
}) {
  const { person, current } = props;
  return (
    <section aria-labelledby="accord">
      <h2 id="accord">{m.consentTitle}</h2>
      {person.consentAt ? <p>{m.consentGiven(formatDateTime(new Date(person.consentAt), { timeZone: props.timeZone }), person.consentByName)}</p> : null}
      {person.consentWording ? (
        <details>
          <summary>{m.consentWordingShown}</summary>
          <StoredWording wording={person.consentWording} />
        </details>
      ) : null}
      {props.outdated ? (
        <>
          <p className="notice">{m.consentOutdated}</p>
          <form method="post" action={props.action} className="backoffice-form" noValidate>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="intent" value="accord" />
            <ConsentTextView text={current.text} level={3} />
            <ConsentBox fingerprint={current.fingerprint} error={props.errors.consentement} ticked={false} />
            <button type="submit">{m.consentRenew}</button>
          </form>
        </>
      ) : null}
      <p>{m.withdrawHint}</p>
    </section>
  );
}

/** The person's rights: see and print everything, download it, erase their identity (a confirm step first). */
export function RightsSection({ here }: { here: string }) {
  return (
    <section aria-labelledby="droits">
      <h2 id="droits">{m.rightsTitle}</h2>
      <p>{m.rightsIntro}</p>
      <ul>
        <li>
          <a href={`${here}/donnees`}>{m.exportLink}</a>
        </li>
        <li>
          <a href={`${here}/donnees.json`} download>
            {m.exportJsonLink}
          </a>
        </li>
      </ul>
      <h3>{m.eraseTitle}</h3>
      <p>{m.eraseExplain}</p>
      <p>
        <a href={`${here}?effacer#effacer`}>{m.eraseStart}</a>
      </p>
    </section>
  );
}

/** « Effacer l'identité de … ? »: what goes, what stays, yes or no. */
export function EraseConfirm({ action, csrfToken, name }: { action: string; csrfToken: string; name: string }) {
  return (
    <section aria-labelledby="effacer" className="confirm" id="effacer-section">
      <h2 id="effacer" tabIndex={-1}>
        {m.eraseConfirmTitle(name)}
      </h2>
      <p>{m.eraseExplain}</p>
      <form method="post" action={action}>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="effacer" />
        <input type="hidden" name="confirme" value="oui" />
        <button type="submit">{m.eraseConfirm}</button>
      </form>
      <p>
        <a href={action}>{m.eraseCancel}</a>
      </p>
    </section>
  );
}

export type Candidate = { id: string; firstName: string; lastName: string | null; communeName: string | null; birthYear: number | null };
const describe = (c: Candidate) => [displayName(c), c.birthYear ? String(c.birthYear) : null, c.communeName].filter(Boolean).join(" · ");

/** Merging a duplicate: search the other row of the same person (GET, no JavaScript), choose it, then confirm. */
export function MergeSection(props: {
  here: string;
  csrfToken: string;
  name: string;
  merge: { step: "search"; q: string; candidates: Candidate[] } | { step: "confirm"; kept: Candidate; duplicate: Candidate } | null;
}) {
  const { here, merge } = props;
  return (
    <section aria-labelledby="fusion">
      <h2 id="fusion" tabIndex={-1}>
        {m.mergeTitle}
      </h2>
      <p>{m.mergeIntro(props.name)}</p>
      {merge?.step === "confirm" ? (
        <>
          <h3>{m.mergeConfirmTitle(displayName(merge.duplicate), displayName(merge.kept))}</h3>
          <dl className="facts">
            <dt>{m.mergeKept}</dt>
            <dd>{describe(merge.kept)}</dd>
            <dt>{m.mergeDuplicate}</dt>
            <dd>{describe(merge.duplicate)}</dd>
          </dl>
          <p>{m.mergeExplain}</p>
          <form method="post" action={here}>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="intent" value="fusionner" />
            <input type="hidden" name="doublon" value={merge.duplicate.id} />
            <button type="submit">{m.mergeConfirm}</button>
          </form>
          <p>
            <a href={here}>{m.mergeCancel}</a>
          </p>
        </>
      ) : (
        <>
          <form method="get" action={`${here}#fusion`} role="search" className="search">
            <input type="hidden" name="fusionner" value="1" />
            <label htmlFor="doublon">{m.mergeSearchLabel}</label>
            <input id="doublon" name="doublon_q" type="search" defaultValue={merge?.q ?? ""} autoComplete="off" />
            <button type="submit">{m.mergeSearch}</button>
          </form>
          {merge?.step === "search" && merge.q ? (
            merge.candidates.length === 0 ? (
              <p role="status">{m.mergeNone}</p>
            ) : (
              <div role="status">
                <ul>
                  {merge.candidates.map((c) => (
                    <li key={c.id}>
                      {describe(c)} — <a href={`${here}?fusionner=${c.id}#fusion`}>{m.mergeChoose(displayName(c))}</a>
                    </li>
                  ))}
                </ul>
              </div>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
