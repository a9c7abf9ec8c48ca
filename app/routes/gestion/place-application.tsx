import { data, redirect } from "react-router";
import type { Route } from "./+types/place-application";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { AnswersView, FileLinks, History } from "~/features/calls/application-parts";
import { addFile, applicationFilesOf, applicationHistory, getApplication, postMessage, removeFile, saveSection, submitApplication, type EditResult } from "~/features/calls/applications.server";
import { StateTag } from "~/features/calls/call-parts";
import { isOpen, versionForm } from "~/features/calls/calls.server";
import { MAX_UPLOAD_BYTES } from "~/features/calls/file-check";
import { fieldName, visibleQuestionIds } from "~/features/calls/form-model";
import type { Answers } from "~/features/calls/form-types";
import { placeOptions } from "~/features/calls/place-options.server";
import { QuestionField } from "~/features/calls/question-fields";
import { formatDateTime } from "~/features/time/format";
import { appContext } from "~/context";
import { isUuid } from "~/lib/ids";
import { formatNumber, fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice } from "~/ui/form";

const m = fr.applications;
const p = m.pages;
/** A file (10 MB) and the form around it. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 65_536;
const NOTICES = { enregistre: p.noticeSaved, fichier: p.noticeFileAdded, retire: p.noticeFileRemoved, depose: p.noticeSubmitted, message: p.noticeMessage } as const;

async function find(request: Request, context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"]) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.applications");
  const found = isUuid(params.applicationId) ? await getApplication(context.get(appContext).database.db, params.applicationId) : null;
  if (!found || found.application.placeId !== place.id) throw data(fr.backoffice.notFound, { status: 404 });
  return { signedIn, place, found };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, found } = await find(request, context, params);
  const db = context.get(appContext).database.db;
  const { application, call } = found;
  const [form, files, history] = await Promise.all([versionForm(db, call.id, application.version), applicationFilesOf(db, application.id), applicationHistory(db, application.id)]);
  const usesPlaces = form.sections.some((s) => s.questions.some((q) => q.type === "place"));
  const now = new Date();
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  const editable = application.state === "corrections" || (application.state === "draft" && isOpen(call, now));
  const corrections = application.state === "corrections" ? [...history].reverse().find((h) => h.kind === "state" && h.state === "corrections")?.body ?? null : null;
  return {
    place: { id: place.id, name: place.name },
    call: { title: call.title, closesAt: call.closesAt, networkName: found.networkName, description: call.description },
    application: { id: application.id, number: application.number, state: application.state, answers: application.answers as Answers, sectionsSaved: application.sectionsSaved, submittedAt: application.submittedAt, decisionReason: application.decisionReason },
    form,
    files,
    history,
    editable,
    closed: application.state === "draft" && !editable,
    corrections,
    // The letter is written in the decision's own transaction: every decided application has one.
    hasLetter: ["accepted", "refused", "closed"].includes(application.state),
    places: usesPlaces ? await placeOptions(db, call.networkId) : [],
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
    newQuestions: url.searchParams.get("nouvelles"),
  };
}

type ActionData = { errors: Record<string, string>; problem?: string; section?: string };

function editProblem(result: EditResult): ActionData | null {
  switch (result.kind) {
    case "saved":
      return null;
    case "invalid":
      return { errors: result.errors };
    case "locked":
      return { errors: {}, problem: p.locked(m.states[result.state]) };
    case "closed":
      return { errors: {}, problem: p.callClosed };
    case "not-found":
      return { errors: {}, problem: fr.backoffice.notFound };
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.applications", MAX_BODY_BYTES, p.fileTooLarge);
  const app = context.get(appContext);
  const db = app.database.db;
  const found = isUuid(params.applicationId) ? await getApplication(db, params.applicationId) : null;
  if (!found || found.application.placeId !== place.id) throw data(fr.backoffice.notFound, { status: 404 });
  const here = `/gestion/lieux/${place.id}/candidatures/${found.application.id}`;
  const common = { applicationId: found.application.id, actorUserId: signedIn.user.id };
  switch (form.get("intent")) {
    case "section": {
      const sectionId = String(form.get("section") ?? "");
      const formDef = await versionForm(db, found.call.id, found.application.version);
      const before = visibleQuestionIds(formDef, found.application.answers as Answers);
      const result = await saveSection(db, { ...common, sectionId, form });
      const problem = editProblem(result);
      if (problem) return data<ActionData>({ ...problem, section: sectionId }, { status: result.kind === "invalid" ? 400 : 409 });
      const after = await getApplication(db, found.application.id);
      const appeared = [...visibleQuestionIds(formDef, after!.application.answers as Answers)].filter((id) => !before.has(id));
      return redirect(`${here}?enregistre${appeared.length ? `&nouvelles=${appeared.length}` : ""}#section-${sectionId}`, 303);
    }
    case "fichier": {
      const questionId = String(form.get("question") ?? "");
      const file = form.get("fichier");
      if (!(file instanceof File) || file.size === 0) return data<ActionData>({ errors: { [fieldName(questionId)]: p.chooseFile } }, { status: 400 });
      const result = await addFile(db, { ...common, questionId, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      const problem = editProblem(result);
      if (problem) return data<ActionData>(problem, { status: result.kind === "invalid" ? 400 : 409 });
      return redirect(`${here}?fichier#${fieldName(questionId)}`, 303);
    }
    case "retirer-fichier": {
      const result = await removeFile(db, { ...common, fileId: String(form.get("fichier") ?? "") });
      const problem = editProblem(result);
      if (problem) return data<ActionData>(problem, { status: 409 });
      return redirect(`${here}?retire`, 303);
    }
    case "deposer": {
      const result = await submitApplication(db, { ...common, baseUrl: app.env.baseUrl });
      switch (result.kind) {
        case "submitted":
          return redirect(`${here}?depose`, 303);
        case "incomplete":
          return data<ActionData>({ errors: result.errors, problem: p.incomplete }, { status: 400 });
        case "ineligible":
          return data<ActionData>({ errors: { [fieldName(result.questionId)]: result.reason }, problem: p.ineligible(result.reason) }, { status: 400 });
        default:
          return data<ActionData>(editProblem(result)!, { status: 409 });
      }
    }
    case "message": {
      const result = await postMessage(db, { ...common, side: "applicant", body: String(form.get("message") ?? ""), baseUrl: app.env.baseUrl });
      if (result.kind === "invalid") return data<ActionData>({ errors: { message: result.error } }, { status: 400 });
      return redirect(`${here}?message#historique`, 303);
    }
    default:
      return data<ActionData>({ errors: {}, problem: p.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceApplication({ loaderData, actionData }: Route.ComponentProps) {
  const { place, call, application, form, files, history, editable, closed, corrections, hasLetter, places, csrfToken, notice, newQuestions } = loaderData;
  const here = `/gestion/lieux/${place.id}/candidatures/${application.id}`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData);
  const visible = visibleQuestionIds(form, application.answers);
  const fileHref = (file: { id: string }) => `/gestion/dossiers/${application.id}/fichiers/${file.id}`;
  const saved = new Set(application.sectionsSaved);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${p.myApplicationTitle(call.title)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/candidatures`}>{p.backToApplications}</a>
      </p>
      <h1>{p.myApplicationTitle(call.title)}</h1>
      <p>
        {p.applicationNumber(application.number)} · {place.name} · <StateTag state={application.state} />
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      {newQuestions ? <Notice>{p.newQuestions(Number(newQuestions))}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      {corrections ? (
        <div className="warning" role="note">
          <h2>{p.correctionsAsked}</h2>
          <p className="pre-line">{corrections}</p>
          <p>{p.correctionsThen}</p>
        </div>
      ) : null}
      {application.state === "draft" && editable ? <p>{p.draftIntro(formatDateTime(call.closesAt))}</p> : null}
      {closed ? <p className="warning">{p.callClosed}</p> : null}
      {application.state !== "draft" && !editable ? <p>{p.readOnly}</p> : null}
      {hasLetter ? (
        <p>
          <a href={`/gestion/dossiers/${application.id}/lettre.pdf`} download>
            {p.letterLink}
          </a>
        </p>
      ) : null}
      {editable ? (
        <>
          <p>{p.progress(form.sections.filter((s) => saved.has(s.id)).length, form.sections.length)}</p>
          {form.sections.map((section) => {
            const questions = section.questions.filter((q) => visible.has(q.id));
            const fields = questions.filter((q) => q.type !== "file");
            const fileQuestions = questions.filter((q) => q.type === "file");
            return (
              <section key={section.id} aria-labelledby={`section-${section.id}`} id={`partie-${section.id}`}>
                <h2 id={`section-${section.id}`}>
                  {section.title} {saved.has(section.id) ? <span className="badge">{p.sectionSaved}</span> : null}
                </h2>
                {section.description ? <p className="pre-line">{section.description}</p> : null}
                {fields.length ? (
                  <form method="post" action={here} noValidate className="backoffice-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="intent" value="section" />
                    <input type="hidden" name="section" value={section.id} />
                    {fields.map((q) => (
                      <QuestionField key={q.id} question={q} answer={application.answers[q.id]} error={errors[fieldName(q.id)]} places={places} />
                    ))}
                    <button type="submit">{p.saveSection(section.title)}</button>
                  </form>
                ) : null}
                {fileQuestions.map((q) => (
                  <form key={q.id} method="post" action={here} encType="multipart/form-data" className="backoffice-form" aria-labelledby={`${fieldName(q.id)}-titre`}>
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="intent" value="fichier" />
                    <input type="hidden" name="question" value={q.id} />
                    <h3 id={`${fieldName(q.id)}-titre`}>
                      {q.label}
                      {q.required ? fr.forms.required : ""}
                    </h3>
                    {q.help ? <p className="hint">{q.help}</p> : null}
                    <FileLinks files={files.filter((f) => f.questionId === q.id)} href={fileHref} />
                    <div className={errors[fieldName(q.id)] ? "field field-invalid" : "field"}>
                      <label htmlFor={`champ-${fieldName(q.id)}`}>{p.addFileLabel}</label>
                      <p className="hint" id={`champ-${fieldName(q.id)}-aide`}>
                        {p.fileHint}
                      </p>
                      {errors[fieldName(q.id)] ? (
                        <p className="field-error" id={`champ-${fieldName(q.id)}-erreur`}>
                          {errors[fieldName(q.id)]}
                        </p>
                      ) : null}
                      <input
                        type="file"
                        id={`champ-${fieldName(q.id)}`}
                        name="fichier"
                        accept=".pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xls,.xlsx,.odt,.ods,.ppt,.pptx,.odp"
                        aria-describedby={[`champ-${fieldName(q.id)}-aide`, errors[fieldName(q.id)] ? `champ-${fieldName(q.id)}-erreur` : ""].filter(Boolean).join(" ")}
                      />
                    </div>
                    <button type="submit">{p.addFile}</button>
                  </form>
                ))}
                {fileQuestions.flatMap((q) => files.filter((f) => f.questionId === q.id)).map((file) => (
                  <form key={file.id} method="post" action={here} className="inline-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="intent" value="retirer-fichier" />
                    <input type="hidden" name="fichier" value={file.id} />
                    <button type="submit">{p.removeFile(file.fileName)}</button>
                  </form>
                ))}
              </section>
            );
          })}
          <section aria-labelledby="deposer">
            <h2 id="deposer">{application.state === "corrections" ? p.resubmitTitle : p.submitTitle}</h2>
            <p>{p.submitHint}</p>
            <form method="post" action={here}>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="deposer" />
              <button type="submit">{application.state === "corrections" ? p.resubmit : p.submit}</button>
            </form>
          </section>
        </>
      ) : (
        <section aria-labelledby="reponses">
          <h2 id="reponses">{p.answersTitle}</h2>
          {application.submittedAt ? <p>{p.submittedOn(formatDateTime(application.submittedAt))}</p> : null}
          <AnswersView form={form} answers={application.answers} files={files} fileHref={fileHref} placeNames={Object.fromEntries(places)} />
        </section>
      )}
      <section aria-labelledby="historique">
        <h2 id="historique">{p.historyTitle}</h2>
        <History items={history} viewer="applicant" />
        {application.state !== "draft" ? (
          <form method="post" action={here} noValidate className="backoffice-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="message" />
            <div className={errors.message ? "field field-invalid" : "field"}>
              <label htmlFor="champ-message">{p.messageToNetwork}</label>
              {errors.message ? (
                <p className="field-error" id="champ-message-erreur">
                  {errors.message}
                </p>
              ) : null}
              <textarea id="champ-message" name="message" rows={4} aria-describedby={errors.message ? "champ-message-erreur" : undefined} aria-invalid={errors.message ? true : undefined} />
            </div>
            <button type="submit">{p.send}</button>
          </form>
        ) : null}
      </section>
      <p className="muted">{p.filesCount(formatNumber(files.length))}</p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
