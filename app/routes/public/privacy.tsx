import type { Route } from "./+types/privacy";
import { fr } from "~/lib/messages";

const p = fr.privacy;

export const meta: Route.MetaFunction = () => [
  { title: `${p.title} — ${fr.site.name}` },
  { name: "description", content: p.description },
];

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "public, max-age=3600" });

/** What the platform keeps about people, for how long, and how to use one's rights: plain French, no JavaScript. */
export default function Privacy() {
  return (
    <article>
      <h1>{p.title}</h1>
      <p>{p.intro(fr.site.name)}</p>

      <h2>{p.searchTitle}</h2>
      <p>{p.search}</p>

      <h2>{p.bookingTitle}</h2>
      <p>{p.booking}</p>
      <p>{p.bookingRetention}</p>
      <p>{p.bookingCancel}</p>

      <h2>{p.followedTitle}</h2>
      <p>{p.followed}</p>
      <p>{p.followedWho}</p>
      <p>{p.followedRetention}</p>

      <h2>{p.reportTitle}</h2>
      <p>{p.report}</p>

      <h2>{p.rightsTitle}</h2>
      <p>{p.rights}</p>
      <p>{p.rightsHow}</p>
      <p>
        {p.complaint}{" "}
        <a href="https://www.cnil.fr/fr/adresser-une-plainte" rel="noopener noreferrer">
          {p.complaintLink}
        </a>
        .
      </p>

      <h2>{p.staffTitle}</h2>
      <p>{p.staff}</p>
    </article>
  );
}
