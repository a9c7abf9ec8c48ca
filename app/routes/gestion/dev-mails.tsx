import { data } from "react-router";
import type { Route } from "./+types/dev-mails";
import { requireUser } from "~/features/accounts/auth.server";
import { latestMails } from "~/features/mail/outbox.server";
import { latestSms } from "~/features/sms/outbox.server";
import { appContext } from "~/context";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";

const m = fr.mail.dev;
const s = fr.sms.dev;

/**
 * Demo mode only (DEMO=auto and no SMTP_URL): mails are shown here instead of being
 * sent, and SMS too while SMS_URL is unset. Any signed-in staff member sees every mail and
 * SMS, links and numbers included: never in production.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  if (env.SMTP_URL || env.DEMO === "off") throw data(null, { status: 404 });
  await requireUser(request, context);
  const mails = await latestMails(database.db, 50);
  const sms = env.SMS_URL ? null : await latestSms(database.db, 50);
  return {
    mails: mails.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString(), links: [...mail.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]) })),
    sms: sms?.map((one) => ({ ...one, to: formatPhone(one.to), createdAt: one.createdAt.toISOString() })) ?? null,
  };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function DevMails({ loaderData }: Route.ComponentProps) {
  const { sms } = loaderData;
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{fr.mail.back}</a>
      </p>
      <h1>{m.pageTitle}</h1>
      <h2>{m.mailsTitle}</h2>
      <p>{m.intro}</p>
      {loaderData.mails.length === 0 ? <p>{m.none}</p> : null}
      {loaderData.mails.map((mail) => (
        <article key={mail.id} aria-labelledby={`mail-${mail.id}`}>
          <h3 id={`mail-${mail.id}`}>{mail.subject}</h3>
          <p>
            {m.to} : {mail.to} — {m.date} : {formatDateTime(new Date(mail.createdAt))}
          </p>
          <pre className="mail-text">{mail.text}</pre>
          {mail.links.length > 0 ? (
            <p>
              {m.links} :{" "}
              {mail.links.map((link) => (
                <a key={link} href={link}>
                  {link}
                </a>
              ))}
            </p>
          ) : null}
          {mail.attachments.length > 0 ? (
            <>
              <p>{m.attachments} :</p>
              <ul>
                {mail.attachments.map((file, i) => (
                  <li key={i}>{`${file.filename} (${m.size(file.bytes)})`}</li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
      ))}
      {sms ? (
        <>
          <h2>{s.title}</h2>
          <p>{s.intro}</p>
          {sms.length === 0 ? (
            <p>{s.none}</p>
          ) : (
            <table className="week">
              <caption>{s.caption(sms.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.to}</th>
                  <th scope="col">{s.date}</th>
                  <th scope="col">{s.text}</th>
                </tr>
              </thead>
              <tbody>
                {sms.map((one) => (
                  <tr key={one.id}>
                    <th scope="row">{one.to}</th>
                    <td>{formatDateTime(new Date(one.createdAt))}</td>
                    <td className="mail-text">{one.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </>
  );
}
