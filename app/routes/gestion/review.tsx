import { data, redirect } from "react-router";
import type { Route } from "./+types/review";
import { requireCsrf, requireUser } from "~/features/accounts/auth.server";
import { forbidden } from "~/features/access/access.server";
import { AnswersView } from "~/features/calls/application-parts";
import { applicationFilesOf, getApplication } from "~/features/calls/applications.server";
import { StateTag, formatScore } from "~/features/calls/call-parts";
import { versionForm } from "~/features/calls/calls.server";
import { placeOptions } from "~/features/calls/place-options.server";
import type { Answers, Grid, Scores } from "~/features/calls/form-types";
import { declare, getReview, reviewsOf, saveScores, seesOthers } from "~/features/calls/reviews.server";
import { weightedScore } from "~/features/calls/scores";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { readForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, RadioGroup, TextField } from "~/ui/form";

const p = fr.applications.pages;
const NOTICES = { declare: p.noticeDeclared, enregistre: p.noticeReviewSaved, rendu: p.noticeReviewSubmitted } as const;

/** The reviewer's own assignment: 404 for an unknown one, 403 for anyone else's (coordinators included: they read reviews on the application's page). */
async function own(request: Request, context: Route.LoaderArgs["context"], reviewId: string) {
  const signedIn = await requireUser(request, context);
  const found = isUuid(reviewId) ? await getReview(context.get(appContext).database.db, reviewId) : null;
  if (!found) throw data(fr.backoffice.notFound, { status: 404 });
  if (found.review.reviewerId !== signedIn.user.id) throw forbidden();
  return { signedIn, found };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, found } = await own(request, context, params.reviewId);
  const db = context.get(appContext).database.db;
  const { review, call } = found;
  const grid = call.grid as Grid;
  const declared = review.declaration === "no-conflict";
  // Before the declaration, the reviewer sees only the place's name and the call: nothing of the application.
  const application = declared ? await getApplication(db, found.applicationId) : null;
  const [form, files, others] = declared
    ? await Promise.all([versionForm(db, call.id, application!.application.version), applicationFilesOf(db, found.applicationId), seesOthers(call, review) ? reviewsOf(db, [found.applicationId]) : Promise.resolve([])])
    : [null, [], []];
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    review: { id: review.id, declaration: review.declaration, submittedAt: review.submittedAt, scores: review.scores as Scores, comment: review.comment },
    number: found.number,
    placeName: found.placeName,
    state: found.state,
    call: { title: call.title, networkName: found.networkName, reviewsHidden: call.reviewsHidden },
    grid,
    form,
    answers: (application?.application.answers ?? {}) as Answers,
    applicationId: found.applicationId,
    files,
    placeNames: form && form.sections.some((s) => s.questions.some((q) => q.type === "place")) ? Object.fromEntries(await placeOptions(db, call.networkId)) : {},
    others: others.filter((o) => o.id !== review.id && o.submittedAt).map((o) => ({ id: o.id, name: o.reviewerName, comment: o.comment, scores: o.scores as Scores, score: weightedScore(grid, o.scores as Scores) })),
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
  };
}

type ActionData = { errors: Record<string, string>; problem?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, found } = await own(request, context, params.reviewId);
  const form = await readForm(request, { maxBytes: 64_000 });
  requireCsrf(request, form, signedIn, context.get(appContext).env);
  const db = context.get(appContext).database.db;
  const here = `/gestion/evaluations/${found.review.id}`;
  const common = { reviewId: found.review.id, reviewerId: signedIn.user.id, networkId: found.call.networkId };
  switch (form.get("intent")) {
    case "declarer": {
      const declaration = String(form.get("declaration") ?? "");
      if (declaration !== "no-conflict" && declaration !== "conflict") return data<ActionData>({ errors: { declaration: p.chooseDeclaration } }, { status: 400 });
      const result = await declare(db, { ...common, declaration, reason: String(form.get("motif") ?? ""), baseUrl: context.get(appContext).env.baseUrl });
      if (result.kind === "invalid") return data<ActionData>({ errors: { motif: result.error } }, { status: 400 });
      if (result.kind === "already") return data<ActionData>({ errors: {}, problem: p.alreadyDeclared }, { status: 409 });
      return redirect(`${here}?declare`, 303);
    }
    case "enregistrer":
    case "rendre": {
      const submit = form.get("intent") === "rendre";
      const result = await saveScores(db, { ...common, form, submit });
      switch (result.kind) {
        case "saved":
          return redirect(`${here}?enregistre#grille`, 303);
        case "submitted":
          return redirect(`${here}?rendu`, 303);
        case "invalid":
          return data<ActionData>({ errors: result.errors }, { status: 400 });
        case "not-declared":
          return data<ActionData>({ errors: {}, problem: p.declareFirst }, { status: 409 });
        case "already-submitted":
          return data<ActionData>({ errors: {}, problem: p.alreadySubmitted }, { status: 409 });
        case "not-now":
          return data<ActionData>({ errors: {}, problem: p.reviewClosed }, { status: 409 });
      }
    }
    // falls through: a switch over every result returns
    default:
      return data<ActionData>({ errors: {}, problem: p.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function Review({ loaderData, actionData }: Route.ComponentProps) {
  const { review, number, placeName, state, call, grid, form, answers, applicationId, files, others, placeNames, csrfToken, notice } = loaderData;
  const here = `/gestion/evaluations/${review.id}`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData);
  const open = state === "submitted" || state === "under_review";
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${p.reviewTitle(number, placeName)} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion/evaluations">{p.backToReviews}</a>
      </p>
      <h1>{p.reviewTitle(number, placeName)}</h1>
      <p>
        {call.title} ({call.networkName}) · <StateTag state={state} />
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      {review.declaration === null ? (
        <section aria-labelledby="declaration">
          <h2 id="declaration">{p.declarationTitle}</h2>
          <p>{p.declarationIntro(placeName)}</p>
          <form method="post" action={here} noValidate className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="declarer" />
            <RadioGroup name="declaration" legend={p.declarationLegend} options={[["no-conflict", p.noConflict(placeName)], ["conflict", p.conflict]]} error={errors.declaration} />
            <TextField multiline name="motif" label={p.conflictReason} hint={p.conflictReasonHint} error={errors.motif} />
            <button type="submit">{p.declare}</button>
          </form>
        </section>
      ) : review.declaration === "conflict" ? (
        <p>{p.youDeclined}</p>
      ) : (
        <>
          <section aria-labelledby="grille">
            <h2 id="grille">{p.gridSection}</h2>
            {review.submittedAt ? (
              <>
                <p>{p.yourScore(formatScore(weightedScore(grid, review.scores), grid.scale))}</p>
                <ul>
                  {grid.criteria.map((c) => (
                    <li key={c.id}>
                      {p.criterionScore(c.label, c.weight, review.scores[c.id]?.score ?? null, grid.scale)}
                      {review.scores[c.id]?.comment ? ` — ${review.scores[c.id]!.comment}` : ""}
                    </li>
                  ))}
                </ul>
                {review.comment ? <p className="pre-line">{review.comment}</p> : null}
              </>
            ) : open ? (
              <form method="post" action={here} noValidate className="backoffice-form">
                <CsrfField token={csrfToken} />
                <p className="hint">{p.gridHint(grid.scale)}</p>
                {grid.criteria.map((c) => (
                  <fieldset key={c.id}>
                    <legend>{p.criterionLegendWeight(c.label, c.weight)}</legend>
                    <TextField name={`score_${c.id}`} label={p.scoreLabel(grid.scale)} value={review.scores[c.id] ? String(review.scores[c.id]!.score) : ""} error={errors[`score_${c.id}`]} inputMode="numeric" />
                    <TextField multiline rows={2} name={`comment_${c.id}`} label={p.criterionComment} value={review.scores[c.id]?.comment ?? ""} />
                  </fieldset>
                ))}
                <TextField multiline name="commentaire" label={p.overallComment} value={review.comment} />
                <button type="submit" name="intent" value="enregistrer">
                  {p.saveReview}
                </button>{" "}
                <button type="submit" name="intent" value="rendre">
                  {p.submitReview}
                </button>
              </form>
            ) : (
              <p>{p.reviewClosed}</p>
            )}
          </section>
          {others.length ? (
            <section aria-labelledby="autres">
              <h2 id="autres">{p.otherReviews}</h2>
              <ul className="report-list">
                {others.map((o) => (
                  <li key={o.id}>
                    <strong>{o.name}</strong> — {formatScore(o.score, grid.scale)}
                    {o.comment ? <p className="pre-line">{o.comment}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : call.reviewsHidden && !review.submittedAt ? (
            <p className="muted">{p.othersHidden}</p>
          ) : null}
          {form ? (
            <section aria-labelledby="reponses">
              <h2 id="reponses">{p.answersTitle}</h2>
              <AnswersView form={form} answers={answers} files={files} placeNames={placeNames} fileHref={(file) => `/gestion/dossiers/${applicationId}/fichiers/${file.id}`} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
