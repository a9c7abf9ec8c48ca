import { data, redirect } from "react-router";
import type { Route } from "./+types/network-application";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { AnswersView, History } from "~/features/calls/application-parts";
import { applicationFilesOf, applicationHistory, decide, getApplication, networkMove, postMessage, type NetworkResult } from "~/features/calls/applications.server";
import { StateTag, formatScore } from "~/features/calls/call-parts";
import { getCall, versionForm } from "~/features/calls/calls.server";
import { placeOptions } from "~/features/calls/place-options.server";
import { renderDecisionLetter } from "~/features/calls/decision-letter.server";
import type { Answers, Grid, Scores } from "~/features/calls/form-types";
import { assignReviewer, possibleReviewers, reviewsOf, unassignReviewer } from "~/features/calls/reviews.server";
import { weightedScore } from "~/features/calls/scores";
import { formatDate, formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CheckboxGroup, CsrfField, ErrorSummary, Notice, RadioGroup, SelectField, TextField } from "~/ui/form";

const m = fr.applications;
const p = m.pages;
const MAX_BODY_BYTES = 32_000;
const NOTICES = { instruction: p.noticeUnderReview, corrections: p.noticeCorrections, message: p.noticeMessage, designe: p.noticeAssigned, retire: p.noticeUnassigned, decide: p.noticeDecided, deja: p.noticeAlreadyAssigned } as const;

async function find(request: Request, context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"]) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.calls");
  const db = context.get(appContext).database.db;
  const call = await getCall(db, network.id, params.callSlug);
  const found = call && isUuid(params.applicationId) ? await getApplication(db, params.applicationId) : null;
  // A draft is the applicant's own: the network does not read it.
  if (!call || !found || found.call.id !== call.id || found.application.state === "draft") throw data(fr.backoffice.notFound, { status: 404 });
  return { signedIn, network, call, found };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network, call, found } = await find(request, context, params);
  const db = context.get(appContext).database.db;
  const application = found.application;
  const [form, files, history, reviews, reviewers] = await Promise.all([
    versionForm(db, call.id, application.version),
    applicationFilesOf(db, application.id),
    applicationHistory(db, application.id),
    reviewsOf(db, [application.id]),
    possibleReviewers(db, network.id),
  ]);
  const usesPlaces = form.sections.some((s) => s.questions.some((q) => q.type === "place"));
  const grid = call.grid as Grid;
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    network: { slug: network.slug, name: network.name },
    call: { slug: call.slug, title: call.title, themes: call.themes, label: call.label, labelValidUntil: call.labelValidUntil, reviewsRequired: call.reviewsRequired },
    application: { id: application.id, number: application.number, state: application.state, submittedAt: application.submittedAt, decidedAt: application.decidedAt, decisionReason: application.decisionReason, version: application.version, answers: application.answers as Answers },
    placeName: found.placeName,
    form,
    files,
    history,
    grid,
    reviews: reviews.map((r) => ({ ...r, scores: r.scores as Scores, score: r.submittedAt ? weightedScore(grid, r.scores as Scores) : null })),
    reviewers: reviewers.filter((r) => !reviews.some((a) => a.reviewerId === r.id)).map((r) => [r.id, r.expert ? `${r.name} (${r.organisation || p.expert})` : r.name] as const),
    placeNames: usesPlaces ? Object.fromEntries(await placeOptions(db, network.id)) : {},
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
  };
}

type ActionData = { errors: Record<string, string>; problem?: string };

function problemOf(result: NetworkResult): string | null {
  switch (result.kind) {
    case "done":
      return null;
    case "not-now":
      return p.notNow(m.states[result.state]);
    case "reviews-missing":
      return p.reviewsMissing(result.have, result.need);
    case "label-ended":
      return p.labelEnded(formatDate(result.until));
    case "not-found":
      return fr.backoffice.notFound;
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, MAX_BODY_BYTES, { action: "network.calls" });
  const db = context.get(appContext).database.db;
  const { env } = context.get(appContext);
  const call = await getCall(db, network.id, params.callSlug);
  const found = call && isUuid(params.applicationId) ? await getApplication(db, params.applicationId) : null;
  if (!call || !found || found.call.id !== call.id || found.application.state === "draft") throw data(fr.backoffice.notFound, { status: 404 });
  const here = `/gestion/reseaux/${network.slug}/appels/${call.slug}/dossiers/${found.application.id}`;
  const common = { applicationId: found.application.id, actorUserId: signedIn.user.id, baseUrl: env.baseUrl };
  const text = (name: string) => String(form.get(name) ?? "").trim();
  switch (form.get("intent")) {
    case "instruire": {
      const result = await networkMove(db, { ...common, to: "under_review" });
      const problem = problemOf(result);
      return problem ? data<ActionData>({ errors: {}, problem }, { status: 409 }) : redirect(`${here}?instruction`, 303);
    }
    case "corrections": {
      if (!text("motif")) return data<ActionData>({ errors: { motif: p.correctionsReasonRequired } }, { status: 400 });
      const result = await networkMove(db, { ...common, to: "corrections", reason: text("motif").slice(0, 5000) });
      const problem = problemOf(result);
      return problem ? data<ActionData>({ errors: {}, problem }, { status: 409 }) : redirect(`${here}?corrections`, 303);
    }
    case "message": {
      const result = await postMessage(db, { ...common, side: "network", body: text("message") });
      if (result.kind === "invalid") return data<ActionData>({ errors: { message: result.error } }, { status: 400 });
      return redirect(`${here}?message#historique`, 303);
    }
    case "designer": {
      const result = await assignReviewer(db, { applicationId: found.application.id, networkId: network.id, reviewerId: text("evaluateur"), actorUserId: signedIn.user.id, baseUrl: env.baseUrl });
      if (result.kind === "not-reviewer") return data<ActionData>({ errors: { evaluateur: p.chooseReviewer } }, { status: 400 });
      if (result.kind === "not-now") return data<ActionData>({ errors: {}, problem: p.notNow(m.states[found.application.state]) }, { status: 409 });
      return redirect(`${here}?${result.kind === "already" ? "deja" : "designe"}#evaluations`, 303);
    }
    case "retirer": {
      const reviewId = text("evaluation");
      if (!isUuid(reviewId) || !(await unassignReviewer(db, { reviewId, applicationId: found.application.id, networkId: network.id, actorUserId: signedIn.user.id }))) return data<ActionData>({ errors: {}, problem: p.cannotUnassign }, { status: 409 });
      return redirect(`${here}?retire#evaluations`, 303);
    }
    case "decider": {
      const decision = text("decision");
      if (decision !== "accepted" && decision !== "refused" && decision !== "closed") return data<ActionData>({ errors: { decision: p.chooseDecision } }, { status: 400 });
      const reason = text("motif_decision");
      if (decision !== "accepted" && !reason) return data<ActionData>({ errors: { motif_decision: p.decisionReasonRequired } }, { status: 400 });
      const themes = form.getAll("themes").map(String).filter((t) => call.themes.includes(t));
      if (decision === "accepted" && !themes.length) return data<ActionData>({ errors: { themes: p.themesRequired } }, { status: 400 });
      const result = await decide(db, { ...common, decision, reason: reason.slice(0, 5000), themes, renderLetter: renderDecisionLetter });
      const problem = problemOf(result);
      return problem ? data<ActionData>({ errors: {}, problem }, { status: 409 }) : redirect(`${here}?decide`, 303);
    }
    default:
      return data<ActionData>({ errors: {}, problem: p.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkApplication({ loaderData, actionData }: Route.ComponentProps) {
  const { network, call, application, placeName, form, files, history, grid, reviews, reviewers, placeNames, csrfToken, notice } = loaderData;
  const base = `/gestion/reseaux/${network.slug}/appels/${call.slug}`;
  const here = `${base}/dossiers/${application.id}`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData);
  const open = application.state === "submitted" || application.state === "under_review";
  const decided = ["accepted", "refused", "closed"].includes(application.state);
  const submittedReviews = reviews.filter((r) => r.submittedAt);
  const fileHref = (file: { id: string }) => `/gestion/dossiers/${application.id}/fichiers/${file.id}`;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${p.applicationTitle(application.number, placeName)} — ${fr.site.name}`}</title>
      <p>
        <a href={`${base}#dossiers`}>{p.backToCall}</a>
      </p>
      <h1>{p.applicationTitle(application.number, placeName)}</h1>
      <p>
        {call.title} · <StateTag state={application.state} />
        {application.submittedAt ? ` · ${p.submittedOn(formatDateTime(application.submittedAt))}` : ""}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      {decided ? (
        <section aria-labelledby="decision">
          <h2 id="decision">{p.decisionTitle}</h2>
          <p>
            {p.decidedOn(m.states[application.state as "accepted"], application.decidedAt ? formatDateTime(application.decidedAt) : "")}
          </p>
          {application.decisionReason ? <p className="pre-line">{application.decisionReason}</p> : null}
          {/* The letter is written in the decision's own transaction: every decided application has one. */}
          <p>
            <a href={`/gestion/dossiers/${application.id}/lettre.pdf`} download>
              {p.letterLink}
            </a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="reponses">
        <h2 id="reponses">{p.answersTitle}</h2>
        <p className="muted">{p.version(application.version)}</p>
        <AnswersView form={form} answers={application.answers} files={files} fileHref={fileHref} placeNames={placeNames} />
      </section>
      <section aria-labelledby="evaluations">
        <h2 id="evaluations">{p.reviewsTitle}</h2>
        <p>{p.reviewsNeeded(submittedReviews.length, call.reviewsRequired)}</p>
        {reviews.length ? (
          <ul className="report-list">
            {reviews.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>{r.reviewerName}</strong> — {r.declaration === "conflict" ? p.declined : r.submittedAt ? p.reviewDone(formatScore(r.score, grid.scale)) : r.declaration ? p.reviewInProgress : p.reviewWaitingDeclaration}
                </p>
                {r.declaration === "conflict" && r.conflictReason ? <p className="pre-line">{r.conflictReason}</p> : null}
                {r.submittedAt ? (
                  <>
                    <ul>
                      {grid.criteria.map((c) => (
                        <li key={c.id}>
                          {p.criterionScore(c.label, c.weight, r.scores[c.id]?.score ?? null, grid.scale)}
                          {r.scores[c.id]?.comment ? ` — ${r.scores[c.id]!.comment}` : ""}
                        </li>
                      ))}
                    </ul>
                    {r.comment ? <p className="pre-line">{r.comment}</p> : null}
                  </>
                ) : open ? (
                  <form method="post" action={here} className="inline-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="intent" value="retirer" />
                    <input type="hidden" name="evaluation" value={r.id} />
                    <button type="submit">{p.unassign(r.reviewerName)}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{p.noReviewer}</p>
        )}
        {open && reviewers.length ? (
          <form method="post" action={here} className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="designer" />
            <SelectField name="evaluateur" label={p.assignLabel} options={reviewers} error={errors.evaluateur} />
            <button type="submit">{p.assign}</button>
          </form>
        ) : null}
      </section>
      {open ? (
        <section aria-labelledby="instruction">
          <h2 id="instruction">{p.instructTitle}</h2>
          {application.state === "submitted" ? (
            <form method="post" action={here} className="inline-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="instruire" />
              <button type="submit">{p.startReview}</button>
            </form>
          ) : null}
          <form method="post" action={here} noValidate className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="corrections" />
            <TextField multiline name="motif" label={p.correctionsLabel} hint={p.correctionsHint} error={errors.motif} />
            <button type="submit">{p.askCorrections}</button>
          </form>
          <form method="post" action={here} noValidate className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="decider" />
            <fieldset>
              <legend>{p.decideTitle}</legend>
              <RadioGroup name="decision" legend={p.decisionLegend} options={[["accepted", p.accept(call.label)], ["refused", p.refuse], ["closed", p.close]]} error={errors.decision} />
              <CheckboxGroup name="themes" legend={p.themesGranted(call.label, formatDate(call.labelValidUntil))} options={call.themes} checked={call.themes} error={errors.themes} />
              <TextField multiline name="motif_decision" label={p.decisionReason} hint={p.decisionReasonHint} error={errors.motif_decision} />
            </fieldset>
            <button type="submit">{p.decide}</button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="historique">
        <h2 id="historique">{p.historyTitle}</h2>
        <History items={history} viewer="network" />
        <form method="post" action={here} noValidate className="backoffice-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="message" />
          <TextField multiline name="message" label={p.messageToApplicant} hint={p.messageHint} error={errors.message} />
          <button type="submit">{p.send}</button>
        </form>
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
