import type { Route } from "./+types/accessibility";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

export function loader({ context }: Route.LoaderArgs) {
  return { baseUrl: context.get(appContext).env.baseUrl };
}

export const meta: Route.MetaFunction = () => [
  { title: `${fr.accessibility.title} — ${fr.site.name}` },
  { name: "description", content: fr.accessibility.status },
];

const a11y = fr.accessibility;

/** The accessibility statement, after the RGAA 4.1 model (article 47 of the law of 11 February 2005). */
export default function Accessibility({ loaderData }: Route.ComponentProps) {
  return (
    <article>
      <h1>{a11y.title}</h1>
      <p>{a11y.commitment(fr.site.name)}</p>
      <p>{a11y.appliesTo(fr.site.name, loaderData.baseUrl)}</p>

      <h2>{a11y.statusTitle}</h2>
      <p>
        <strong>{a11y.status}</strong>
      </p>
      <p>{a11y.statusWhy}</p>

      <h2>{a11y.testsTitle}</h2>
      <p>{a11y.testsIntro}</p>
      <ul>
        {a11y.tests.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <p>{a11y.testsLimit}</p>

      <h2>{a11y.nonAccessibleTitle}</h2>
      <ul>
        {a11y.nonAccessible.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>

      <h2>{a11y.technologiesTitle}</h2>
      <ul>
        {a11y.technologies.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>

      <h2>{a11y.environmentTitle}</h2>
      <p>{a11y.environment}</p>

      <h2>{a11y.feedbackTitle}</h2>
      <p>{a11y.feedback}</p>
      <p>{a11y.feedbackHow}</p>

      <h2>{a11y.remediesTitle}</h2>
      <p>{a11y.remediesIntro}</p>
      <ul>
        <li>
          <a href="https://formulaire.defenseurdesdroits.fr/" rel="noopener noreferrer">
            {a11y.remedyForm}
          </a>
          ;
        </li>
        <li>
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues" rel="noopener noreferrer">
            {a11y.remedyDelegate}
          </a>
          ;
        </li>
        <li>{a11y.remedyMail}</li>
      </ul>

      <p className="muted">{a11y.establishedOn}</p>
    </article>
  );
}
