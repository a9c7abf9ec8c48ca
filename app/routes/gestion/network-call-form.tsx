import { data, redirect } from "react-router";
import type { Route } from "./+types/network-call-form";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { getCall, publishedQuestionIds, saveDraftForm } from "~/features/calls/calls.server";
import { QuestionInputSchema, SectionInputSchema, addQuestion, addSection, moveQuestion, removeQuestion, removeSection, updateQuestion, updateSection, type FormChange } from "~/features/calls/form-builder";
import { CONDITION_TYPES, allQuestions, optionsOf } from "~/features/calls/form-model";
import { QUESTION_TYPES, type CallForm, type Question } from "~/features/calls/form-types";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from "~/ui/form";

const p = fr.applications.pages;
const types = fr.calls.questionTypes;
const MAX_BODY_BYTES = 32_000;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.calls");
  const call = await getCall(context.get(appContext).database.db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  const url = new URL(request.url);
  return {
    network: { slug: network.slug },
    call: { slug: call.slug, title: call.title, status: call.status, currentVersion: call.currentVersion },
    form: call.draftForm as CallForm,
    csrfToken: signedIn.csrfToken,
    notice: url.searchParams.has("cree") ? p.callCreated : url.searchParams.has("enregistre") ? p.formSaved : null,
  };
}

/** Which of the page's forms failed (its errors are shown there only), and what was typed. */
type ActionData = { target: string; errors: FieldErrors; values: Record<string, string> };

const typed = (form: FormData) => {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf") values[k] = values[k] !== undefined ? `${values[k]}\n${v}` : v;
  return values;
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, MAX_BODY_BYTES, { action: "network.calls" });
  const db = context.get(appContext).database.db;
  const call = await getCall(db, network.id, params.callSlug);
  if (!call) throw data(fr.backoffice.notFound, { status: 404 });
  const draft = call.draftForm as CallForm;
  const get = (name: string) => String(form.get(name) ?? "");
  const intent = get("intent");
  const target = get("cible") || intent;
  let change: FormChange;
  switch (intent) {
    case "partie-ajouter":
    case "partie-modifier": {
      const parsed = parseForm(SectionInputSchema, form);
      if (!parsed.ok) return data<ActionData>({ target, errors: parsed.errors, values: typed(form) }, { status: 400 });
      change = intent === "partie-ajouter" ? addSection(draft, parsed.values) : updateSection(draft, get("partie"), parsed.values);
      break;
    }
    case "partie-supprimer":
      change = removeSection(draft, get("partie"));
      break;
    case "question-ajouter":
    case "question-modifier": {
      const parsed = parseForm(QuestionInputSchema, form);
      if (!parsed.ok) return data<ActionData>({ target, errors: parsed.errors, values: typed(form) }, { status: 400 });
      change = intent === "question-ajouter" ? addQuestion(draft, get("partie"), parsed.values, await publishedQuestionIds(db, call.id)) : updateQuestion(draft, get("question"), parsed.values);
      break;
    }
    case "question-supprimer":
      change = removeQuestion(draft, get("question"));
      break;
    case "monter":
    case "descendre":
      change = moveQuestion(draft, get("question"), intent === "monter" ? "up" : "down");
      break;
    default:
      return data<ActionData>({ target: "page", errors: { form: p.invalidRequest }, values: {} }, { status: 400 });
  }
  if (!change.ok) return data<ActionData>({ target, errors: change.errors, values: typed(form) }, { status: 400 });
  await saveDraftForm(db, { call, form: change.form, actorUserId: signedIn.user.id });
  const anchor = /^[\w-]{1,60}$/.test(get("ancre")) ? get("ancre") : "formulaire";
  return redirect(`/gestion/reseaux/${network.slug}/appels/${call.slug}/formulaire?enregistre#${anchor}`, 303);
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

/** The words of a question's rules, for the list. */
function questionSummary(q: Question, form: CallForm): string {
  const parts: string[] = [types[q.type], q.required ? p.requiredWord : p.optionalWord];
  if (q.options?.length) parts.push(p.choicesList(q.options.join(", ")));
  if (q.condition) {
    const on = allQuestions(form).find((x) => x.id === q.condition!.questionId);
    parts.push(p.shownWhen(on?.label ?? q.condition.questionId, q.condition.anyOf.join(" », « ")));
  }
  if (q.eligibility) parts.push(p.eligibilityWord(q.eligibility.accepted.join(" », « ")));
  return parts.join(" · ");
}

function QuestionFormFields(props: { form: CallForm; before: Question[]; values: Record<string, string>; errors: FieldErrors; prefix: string }) {
  const { values: v, errors: e, prefix } = props;
  const id = (name: string) => `${prefix}-${name}`;
  const conditionOptions = [["", p.noCondition] as const, ...props.before.filter((q) => CONDITION_TYPES.includes(q.type)).map((q) => [q.id, `${q.label} (${optionsOf(q).join(" / ")})`] as const)];
  return (
    <>
      <SelectField id={id("type")} name="type" label={p.q.type} options={QUESTION_TYPES.map((t) => [t, types[t]] as const)} value={v.type ?? "short_text"} error={e.type} />
      <TextField id={id("label")} name="label" label={p.q.label} value={v.label ?? ""} error={e.label} required />
      <TextField id={id("help")} name="help" label={p.q.help} value={v.help ?? ""} error={e.help} />
      <div className="field">
        <div className="check">
          <input type="checkbox" id={id("required")} name="required" value="on" defaultChecked={v.required === "on"} />
          <label htmlFor={id("required")}>{p.q.required}</label>
        </div>
      </div>
      <TextField id={id("options")} multiline rows={4} name="options" label={p.q.options} hint={p.q.optionsHint} value={v.options ?? ""} error={e.options} />
      <SelectField id={id("condition_question")} name="condition_question" label={p.q.condition} hint={p.q.conditionHint} options={conditionOptions} value={v.condition_question ?? ""} error={e.condition_question} />
      <TextField id={id("condition_values")} multiline rows={2} name="condition_values" label={p.q.conditionValues} hint={p.q.conditionValuesHint} value={v.condition_values ?? ""} error={e.condition_values} />
      <TextField id={id("eligibility_accepted")} multiline rows={2} name="eligibility_accepted" label={p.q.eligibility} hint={p.q.eligibilityHint} value={v.eligibility_accepted ?? ""} error={e.eligibility_accepted} />
      <TextField id={id("eligibility_reason")} name="eligibility_reason" label={p.q.eligibilityReason} hint={p.q.eligibilityReasonHint} value={v.eligibility_reason ?? ""} error={e.eligibility_reason} />
      <TextField id={id("min")} name="min" label={p.q.min} value={v.min ?? ""} error={e.min} inputMode="decimal" />
      <TextField id={id("max")} name="max" label={p.q.max} hint={p.q.maxHint} value={v.max ?? ""} error={e.max} inputMode="decimal" />
    </>
  );
}

const questionValues = (q: Question): Record<string, string> => ({
  type: q.type,
  label: q.label,
  help: q.help ?? "",
  required: q.required ? "on" : "",
  options: (q.options ?? []).join("\n"),
  condition_question: q.condition?.questionId ?? "",
  condition_values: (q.condition?.anyOf ?? []).join("\n"),
  eligibility_accepted: (q.eligibility?.accepted ?? []).join("\n"),
  eligibility_reason: q.eligibility?.reason ?? "",
  min: q.min === undefined ? "" : String(q.min),
  max: q.max === undefined ? "" : String(q.max),
});

export default function NetworkCallForm({ loaderData, actionData }: Route.ComponentProps) {
  const { network, call, form, csrfToken, notice } = loaderData;
  const base = `/gestion/reseaux/${network.slug}/appels/${call.slug}`;
  const here = `${base}/formulaire`;
  const failedOn = actionData?.target;
  const errorsFor = (target: string) => (failedOn === target ? (actionData?.errors ?? {}) : {});
  const valuesFor = (target: string, fallback: Record<string, string>) => (failedOn === target ? (actionData?.values ?? fallback) : fallback);
  const all = allQuestions(form);
  const hidden = (intent: string, extra: Record<string, string> = {}) => (
    <>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
  return (
    <>
      <title>{`${actionData ? fr.backoffice.errorTitlePrefix : ""}${p.builderTitle(call.title)} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{p.backToCall}</a>
      </p>
      <h1>{p.builderTitle(call.title)}</h1>
      <p>{p.builderIntro}</p>
      {call.currentVersion ? <p className="hint">{p.builderVersionHint(call.currentVersion)}</p> : null}
      {notice ? <Notice>{notice}</Notice> : null}
      {actionData ? <ErrorSummary title={fr.backoffice.errorSummary} errors={{}} problem={Object.values(actionData.errors).filter(Boolean).join(" ")} /> : null}
      <div id="formulaire">
        {form.sections.length === 0 ? <p>{p.noSection}</p> : null}
        {form.sections.map((section, s) => (
          <section key={section.id} aria-labelledby={`partie-${section.id}`} id={`ancre-${section.id}`}>
            <h2 id={`partie-${section.id}`}>{p.sectionHeading(s + 1, section.title)}</h2>
            {section.description ? <p className="pre-line">{section.description}</p> : null}
            <details>
              <summary>{p.editSection}</summary>
              <form method="post" action={here} noValidate className="backoffice-form">
                {hidden("partie-modifier", { partie: section.id, cible: `partie-${section.id}`, ancre: `ancre-${section.id}` })}
                <TextField id={`partie-${section.id}-titre`} name="title" label={p.sectionTitleLabel} value={valuesFor(`partie-${section.id}`, { title: section.title }).title ?? ""} error={errorsFor(`partie-${section.id}`).title} required />
                <TextField id={`partie-${section.id}-description`} multiline name="description" label={p.sectionDescriptionLabel} value={valuesFor(`partie-${section.id}`, { description: section.description ?? "" }).description ?? ""} error={errorsFor(`partie-${section.id}`).description} />
                <button type="submit">{p.saveSectionSettings}</button>
              </form>
              <form method="post" action={here} className="inline-form">
                {hidden("partie-supprimer", { partie: section.id, cible: `partie-${section.id}` })}
                <button type="submit">{p.removeSection(section.title)}</button>
              </form>
            </details>
            {section.questions.length === 0 ? <p>{p.noQuestion}</p> : null}
            <ol>
              {section.questions.map((q) => {
                const target = `question-${q.id}`;
                const before = all.slice(0, all.findIndex((x) => x.id === q.id));
                return (
                  <li key={q.id} id={`ancre-${q.id}`}>
                    <p>
                      <strong>{q.label}</strong>
                      <br />
                      <span className="muted">{questionSummary(q, form)}</span>
                    </p>
                    {failedOn === target ? <p className="field-error">{Object.values(errorsFor(target)).join(" ")}</p> : null}
                    <div className="inline-list">
                      <form method="post" action={here} className="inline-form">
                        {hidden("monter", { question: q.id, cible: target, ancre: `ancre-${q.id}` })}
                        <button type="submit" aria-label={p.moveUpLabel(q.label)}>{p.moveUp}</button>
                      </form>
                      <form method="post" action={here} className="inline-form">
                        {hidden("descendre", { question: q.id, cible: target, ancre: `ancre-${q.id}` })}
                        <button type="submit" aria-label={p.moveDownLabel(q.label)}>{p.moveDown}</button>
                      </form>
                      <form method="post" action={here} className="inline-form">
                        {hidden("question-supprimer", { question: q.id, cible: target, ancre: `ancre-${section.id}` })}
                        <button type="submit" aria-label={p.removeQuestionLabel(q.label)}>{p.removeQuestion}</button>
                      </form>
                    </div>
                    <details open={failedOn === target}>
                      <summary>{p.editQuestion(q.label)}</summary>
                      <form method="post" action={here} noValidate className="backoffice-form">
                        {hidden("question-modifier", { question: q.id, cible: target, ancre: `ancre-${q.id}` })}
                        <QuestionFormFields form={form} before={before} values={valuesFor(target, questionValues(q))} errors={errorsFor(target)} prefix={target} />
                        <button type="submit">{p.saveQuestion}</button>
                      </form>
                    </details>
                  </li>
                );
              })}
            </ol>
            <details open={failedOn === `ajout-${section.id}`}>
              <summary>{p.addQuestionTo(section.title)}</summary>
              <form method="post" action={here} noValidate className="backoffice-form">
                {hidden("question-ajouter", { partie: section.id, cible: `ajout-${section.id}`, ancre: `ancre-${section.id}` })}
                <QuestionFormFields form={form} before={all.filter((q) => form.sections.slice(0, s + 1).some((x) => x.questions.includes(q)))} values={valuesFor(`ajout-${section.id}`, { required: "on" })} errors={errorsFor(`ajout-${section.id}`)} prefix={`ajout-${section.id}`} />
                <button type="submit">{p.addQuestion}</button>
              </form>
            </details>
          </section>
        ))}
      </div>
      <section aria-labelledby="nouvelle-partie">
        <h2 id="nouvelle-partie">{p.addSectionTitle}</h2>
        <form method="post" action={here} noValidate className="backoffice-form">
          {hidden("partie-ajouter", { cible: "partie-ajouter", ancre: "nouvelle-partie" })}
          <TextField id="nouvelle-partie-titre" name="title" label={p.sectionTitleLabel} value={valuesFor("partie-ajouter", {}).title ?? ""} error={errorsFor("partie-ajouter").title} required />
          <TextField id="nouvelle-partie-description" multiline name="description" label={p.sectionDescriptionLabel} value={valuesFor("partie-ajouter", {}).description ?? ""} error={errorsFor("partie-ajouter").description} />
          <button type="submit">{p.addSection}</button>
        </form>
      </section>
      <p>
        <a href={base}>{p.builderDone}</a>
      </p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
