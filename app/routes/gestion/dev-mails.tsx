import { data } from "react-router";
import type { Route } from "./+types/dev-mails";
import { requireUser } from "~/features/accounts/auth.server";
import { latestMails } from "~/features/mail/outbox.server";
import { appContext } from "~/context";
import { formatDateTime } from "~/features/time/format";
import { fr } from "~/lib/messages";

const m = fr.mail.dev;

/**
 * Demo mode only (DEMO=auto and no SMTP_URL): mails are shown here instead of being
 * sent. Any signed-in staff member sees every mail, links included: never in production.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  if (env.SMTP_URL || env.DEMO === "off") throw data(null, { status: 404 });
  await requireUser(request, context);
  const mails = await latestMails(database.db, 50);
  return {
    mails: mails.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString(), links: [...mail.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]) })),
  };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function DevMails({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <title>{`${m.pageTitle} — ${fr.site.name}`}</title>
      <p>
        <a href="/gestion">{fr.mail.back}</a>
      </p>
      <h1>{m.pageTitle}</h1>
      <p>{m.intro}</p>
      {loaderData.mails.length === 0 ? <p>{m.none}</p> : null}
      {loaderData.mails.map((mail) => (
        <article key={mail.id} aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
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
        </article>
      ))}
    </>
  );
}
