/**
 * The parts every reader of an application shares (the network, the applicant once submitted, a
 * reviewer): the answers by section, read-only, with the files as download links; the history
 * of states and messages.
 */
import { Fragment } from "react";
import type { ApplicationState } from "~/db/schema/calls";
import { formatDateTime } from "~/features/time/format";
import { formatNumber, fr } from "~/lib/messages";
import { formatAnswer, visibleQuestionIds } from "./form-model";
import type { Answers, CallForm } from "./form-types";

const p = fr.applications.pages;

export type FileItem = { id: string; questionId: string; fileName: string; size: number };

const kilobytes = (size: number) => (size < 1024 * 1024 ? `${formatNumber(Math.ceil(size / 1024))} Ko` : `${formatNumber(Math.round((size / 1048576) * 10) / 10)} Mo`);

export function FileLinks({ files, href }: { files: FileItem[]; href: (file: FileItem) => string }) {
  if (!files.length) return <>{p.noFile}</>;
  return (
    <ul className="inline-list">
      {files.map((file) => (
        <li key={file.id}>
          <a href={href(file)} download>
            {file.fileName}
          </a>{" "}
          <span className="muted">({kilobytes(file.size)})</span>
        </li>
      ))}
    </ul>
  );
}

/** The answers as a definition list per section; hidden questions are not shown. */
export function AnswersView(props: { form: CallForm; answers: Answers; files: FileItem[]; fileHref: (file: FileItem) => string; placeNames?: Record<string, string> }) {
  const visible = visibleQuestionIds(props.form, props.answers);
  return (
    <>
      {props.form.sections.map((section) => {
        const questions = section.questions.filter((q) => visible.has(q.id));
        if (!questions.length) return null;
        return (
          <section key={section.id} aria-labelledby={`section-${section.id}`}>
            <h3 id={`section-${section.id}`}>{section.title}</h3>
            <dl className="answers">
              {questions.map((q) => {
                const answer = props.answers[q.id];
                return (
                  <Fragment key={q.id}>
                    <dt>{q.label}</dt>
                    <dd className="pre-line">
                      {q.type === "file" ? (
                        <FileLinks files={props.files.filter((f) => f.questionId === q.id)} href={props.fileHref} />
                      ) : answer === undefined ? (
                        <span className="muted">{p.noAnswer}</span>
                      ) : (
                        formatAnswer(q, answer, props.placeNames)
                      )}
                    </dd>
                  </Fragment>
                );
              })}
            </dl>
          </section>
        );
      })}
    </>
  );
}

export type HistoryItem = { id: number; kind: "state" | "message"; state: ApplicationState; side: "network" | "applicant"; body: string | null; at: Date; author: string | null };

/** States and messages, oldest first; the network's authors are named « Le réseau » to applicants. */
export function History({ items, viewer }: { items: HistoryItem[]; viewer: "network" | "applicant" }) {
  return (
    <ol className="report-list">
      {items.map((item) => {
        const who = item.side === "network" && viewer === "applicant" ? p.theNetwork : (item.author ?? p.someone);
        return (
          <li key={item.id}>
            <p>
              <strong>{item.kind === "message" ? p.messageFrom(who) : p.stateBy(fr.applications.states[item.state], who)}</strong> <span className="muted">— {formatDateTime(item.at)}</span>
            </p>
            {item.body ? <p className="pre-line">{item.body}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
