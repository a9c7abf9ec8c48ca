import type { CommuneChoice } from "./locate.server";
import { directoryUrl, type DirectoryQuery } from "./query";
import { fr } from "~/lib/messages";

/** "Plusieurs communes correspondent": one link per commune, keeping the other filters. */
export function CommuneChoices({ choices, query, path }: { choices: CommuneChoice[]; query: DirectoryQuery; path: "/lieux" | "/lieux/carte" }) {
  return (
    <section aria-labelledby="choices">
      <h2 id="choices">{fr.directory.choose}</h2>
      <ul className="choices">
        {choices.map((c) => (
          <li key={c.insee}>
            <a href={directoryUrl(path, { ...query, q: "", page: 1 }, { commune: c.insee })}>
              {c.name} — {c.departmentName} ({c.postcodes.join(", ") || c.department})
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
