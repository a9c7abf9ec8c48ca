import { data } from "react-router";
import type { Route } from "./+types/place-staff";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { changeStaffRole, createInvitation, listPendingInvitations, listStaff, mayHandleRole, removeStaff, revokeInvitation } from "~/features/invitations/invitations.server";
import { StaffActionSchema } from "~/features/invitations/staff-form";
import { waitWords } from "~/features/reports/report-form";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { formPageHeaders } from "~/lib/http";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form";

const m = fr.mail.staff;
const MAX_BODY_BYTES = 16_384;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.staff.invite");
  const db = context.get(appContext).database.db;
  const [staff, pending] = await Promise.all([listStaff(db, place.id), listPendingInvitations(db, place.id)]);
  return {
    place: { id: place.id, name: place.name },
    csrfToken: signedIn.csrfToken,
    staff: staff.map((s) => ({ ...s, mayHandle: mayHandleRole(signedIn.principal, target, s.role), mayPromote: mayHandleRole(signedIn.principal, target, "manager") })),
    pending: pending.map((p) => ({ ...p, expiresAt: p.expiresAt.toISOString(), mayHandle: mayHandleRole(signedIn.principal, target, p.role) })),
    roles: (["mediator", "manager"] as const).filter((r) => mayHandleRole(signedIn.principal, target, r)),
  };
}

type ActionResult = { notice?: string; errors?: FieldErrors<"email" | "role">; problem?: string; email?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.staff.invite", MAX_BODY_BYTES);
  const { database, env } = context.get(appContext);
  const parsed = parseForm(StaffActionSchema, form);
  const email = typeof form.get("email") === "string" ? String(form.get("email")).trim().slice(0, 320) : "";
  if (!parsed.ok) {
    if (form.get("intent") === "inviter") return data<ActionResult>({ errors: parsed.errors, email }, { status: 400 });
    return data<ActionResult>({ problem: m.invalidRequest }, { status: 400 });
  }
  const input = parsed.values;
  const db = database.db;
  const principal = signedIn.principal;
  switch (input.intent) {
    case "inviter": {
      const outcome = await createInvitation(db, { principal, inviterName: signedIn.user.name, placeId: place.id, email: input.email, role: input.role, baseUrl: env.baseUrl });
      if (outcome.kind === "forbidden") throw data(m.forbidden, { status: 403 });
      if (outcome.kind === "already-member") return data<ActionResult>({ errors: { email: m.alreadyMember }, email }, { status: 400 });
      if (outcome.kind === "limited") return data<ActionResult>({ problem: m.tooMany(waitWords(outcome.retryAfterSeconds)), email }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
      return data<ActionResult>({ notice: m.invited(input.email.toLowerCase()) });
    }
    case "annuler": {
      const outcome = await revokeInvitation(db, { principal, placeId: place.id, invitationId: input.invitation });
      if (outcome === "forbidden") throw data(m.forbidden, { status: 403 });
      if (outcome === "not-found") return data<ActionResult>({ problem: m.notFound }, { status: 404 });
      return data<ActionResult>({ notice: m.revoked });
    }
    case "role":
    case "retirer": {
      const outcome =
        input.intent === "role"
          ? await changeStaffRole(db, { principal, placeId: place.id, userId: input.personne, from: input.de, to: input.vers })
          : await removeStaff(db, { principal, placeId: place.id, userId: input.personne, role: input.role });
      if (outcome === "forbidden") throw data(m.forbidden, { status: 403 });
      if (outcome === "not-found") return data<ActionResult>({ problem: m.notFound }, { status: 404 });
      return data<ActionResult>({ notice: input.intent === "role" ? m.roleChanged : m.removed });
    }
  }
}

export const headers: Route.HeadersFunction = formPageHeaders;
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceStaff({ loaderData, actionData }: Route.ComponentProps) {
  const { place, staff, pending, roles, csrfToken } = loaderData;
  const here = `/gestion/lieux/${place.id}/equipe`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const csrf = <CsrfField token={csrfToken} />;
  return (
    <>
      <title>{`${failed ? fr.mail.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{fr.mail.back}</a>
      </p>
      <h1>
        {m.title} — {place.name}
      </h1>
      {actionData?.notice ? (
        <p className="notice" role="status">
          {actionData.notice}
        </p>
      ) : null}
      <ErrorSummary title={fr.mail.errorSummary} errors={errors} ids={{ email: "email", role: "role" }} problem={actionData?.problem} />
      <section aria-labelledby="membres">
        <h2 id="membres">{m.members}</h2>
        {staff.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={`${s.userId}-${s.role}`}>
                  <th scope="row">{s.name}</th>
                  <td>{fr.mail.roles[s.role]}</td>
                  <td>
                    {s.mayHandle && s.mayPromote ? (
                      <form method="post" action={here}>
                        {csrf}
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="personne" value={s.userId} />
                        <input type="hidden" name="de" value={s.role} />
                        <input type="hidden" name="vers" value={s.role === "manager" ? "mediator" : "manager"} />
                        <button type="submit">{s.role === "manager" ? m.makeMediator : m.makeManager}</button>
                      </form>
                    ) : null}
                    {s.mayHandle ? (
                      <form method="post" action={here}>
                        {csrf}
                        <input type="hidden" name="intent" value="retirer" />
                        <input type="hidden" name="personne" value={s.userId} />
                        <input type="hidden" name="role" value={s.role} />
                        <button type="submit">{m.remove}</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="invitations">
        <h2 id="invitations">{m.pending}</h2>
        {pending.length === 0 ? (
          <p>{m.nonePending}</p>
        ) : (
          <ul>
            {pending.map((p) => (
              <li key={p.id}>
                {p.email} ({fr.mail.roles[p.role]}) — {m.expires} {formatDateTime(new Date(p.expiresAt))}
                {p.mayHandle ? (
                  <form method="post" action={here}>
                    {csrf}
                    <input type="hidden" name="intent" value="annuler" />
                    <input type="hidden" name="invitation" value={p.id} />
                    <button type="submit">{m.revoke}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="inviter">
        <h2 id="inviter">{m.invite}</h2>
        <form method="post" action={here} noValidate>
          {csrf}
          <input type="hidden" name="intent" value="inviter" />
          <TextField quietRequired required id="email" name="email" type="email" label={m.emailLabel} autoComplete="off" error={errors.email} value={actionData?.email ?? ""} />
          <fieldset id="role" className={errors.role ? "field field-invalid" : "field"}>
            <legend>{m.roleLabel}</legend>
            {errors.role ? <p className="field-error">{errors.role}</p> : null}
            {roles.map((r, i) => (
              <label key={r}>
                <input type="radio" name="role" value={r} defaultChecked={i === 0} /> {fr.mail.roles[r]}
              </label>
            ))}
          </fieldset>
          <button type="submit">{m.send}</button>
        </form>
      </section>
    </>
  );
}
