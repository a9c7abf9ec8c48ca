import type { Route } from "./+types/home";
import { getHomeFigures } from "~/features/places/places.server";
import { appContext } from "~/lib/context";
import { fr } from "~/lib/messages";
import { SearchForm } from "~/ui/search-form";

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
      <p className="muted">{fr.home.counts(total, labelled)}</p>
    </>
  );
}
