import type { Route } from "./+types/home";
import { directoryUrl } from "~/features/directory/query";
import { getHomeFigures } from "~/features/places/places.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { AroundMe } from "~/features/directory/around-me";
import { SearchForm } from "~/features/directory/search-form";

export async function loader({ context }: Route.LoaderArgs) {
  return getHomeFigures(context.get(appContext).database.db);
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${fr.home.title} — ${loaderData?.network?.name ?? fr.site.name}` },
  { name: "description", content: fr.site.tagline },
];

export default function Home({ loaderData }: Route.ComponentProps) {
  const { network, total, labelled } = loaderData;
  return (
    <>
      <h1>{fr.home.title}</h1>
      {network ? <p>{fr.home.intro(network.name)}</p> : <p>{fr.home.noNetwork}</p>}
      <SearchForm />
      <section aria-labelledby="besoins">
        <h2 id="besoins">{fr.home.quickTitle}</h2>
        <ul className="quick-links">
          {fr.home.quick.map((need) => (
            <li key={need.service}>
              <a href={directoryUrl("/lieux", { services: [need.service] })}>{need.label}</a>
            </li>
          ))}
        </ul>
      </section>
      {/* After the quick links: revealed by JavaScript, it must not push content down. */}
      <AroundMe />
      <p className="muted">{fr.home.counts(total, labelled)}</p>
    </>
  );
}
