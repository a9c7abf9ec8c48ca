/**
 * The public agenda's parts: the filter form (a GET form, works without JavaScript), an entry of
 * the list, the feeds' links.
 */
import { SelectField, TextField } from "~/ui/form";
import { fr } from "~/lib/messages";
import { AGENDA_DISTANCES_KM, KIND_PARAMS, LEVEL_PARAMS, kindWord, levelWord, type AgendaQuery } from "./agenda-query";
import type { AgendaEntry } from "./agenda.server";
import { WORKSHOP_THEMES } from "./themes";

const m = fr.agenda;

export type AgendaFormErrors = Partial<Record<"commune" | "distance" | "theme" | "niveau" | "type" | "du" | "au" | "gratuit" | "places", string>>;

export function AgendaFilters({ query, errors }: { query: AgendaQuery; errors: AgendaFormErrors }) {
  return (
    <form method="get" action="/agenda" className="agenda-filters" id="filtres" aria-label={m.filters}>
      {query.network ? <input type="hidden" name="reseau" value={query.network} /> : null}
      <fieldset>
        <legend>{m.where}</legend>
        <TextField name="commune" label={m.commune} hint={m.communeHint} value={query.commune ?? ""} error={errors.commune} autoComplete="address-level2" />
        <SelectField
          name="distance"
          label={m.distance}
          value={String(query.distanceKm)}
          error={errors.distance}
          options={AGENDA_DISTANCES_KM.map((km) => [String(km), m.distanceChoice(km)] as const)}
        />
      </fieldset>
      <fieldset>
        <legend>{m.what}</legend>
        <SelectField name="theme" label={m.theme} value={query.theme ?? ""} error={errors.theme} options={[["", m.anyTheme], ...Object.entries(WORKSHOP_THEMES)]} />
        <SelectField
          name="niveau"
          label={m.level}
          value={query.level ? levelWord(query.level) : ""}
          error={errors.niveau}
          options={[["", m.anyLevel], ...Object.entries(LEVEL_PARAMS).map(([word, level]) => [word, m.levels[level]!] as const)]}
        />
        <SelectField
          name="type"
          label={m.kind}
          value={query.kind ? kindWord(query.kind) : ""}
          error={errors.type}
          options={[["", m.anyKind], ...Object.entries(KIND_PARAMS).map(([word, kind]) => [word, m.kinds[kind]!] as const)]}
        />
      </fieldset>
      <fieldset>
        <legend>{m.when}</legend>
        <TextField name="du" type="date" label={m.from} hint={m.dateHint} value={query.from} error={errors.du} />
        <TextField name="au" type="date" label={m.to} value={query.to} error={errors.au} />
      </fieldset>
      <fieldset>
        <legend>{m.more}</legend>
        <div className="check">
          <input type="checkbox" id="champ-gratuit" name="gratuit" value="1" defaultChecked={query.free} />
          <label htmlFor="champ-gratuit">{m.freeOnly}</label>
        </div>
        <div className="check">
          <input type="checkbox" id="champ-places" name="places" value="1" defaultChecked={query.seatsLeft} />
          <label htmlFor="champ-places">{m.seatsOnly}</label>
        </div>
      </fieldset>
      <p className="actions">
        <button type="submit">{m.apply}</button> <a href={query.network ? `/agenda?reseau=${query.network}` : "/agenda"}>{m.clear}</a>
      </p>
    </form>
  );
}

/** One session in the list: its title (a link to its page), when, where, what, seats and price. */
export function AgendaItem({ entry }: { entry: AgendaEntry }) {
  const what = [entry.kindLabel, entry.themeLabel, entry.levelLabel].filter(Boolean).join(" · ");
  return (
    <li className="agenda-entry">
      <h2>
        <a href={`/ateliers/${entry.sessionId}`}>{entry.title}</a>
      </h2>
      <p className="when">{entry.when}</p>
      <p className="where">
        {entry.whereText}
        {entry.distanceKm !== null ? ` (${m.km(entry.distanceKm)})` : null}
      </p>
      <p className="what">{what}</p>
      <p className="seats">
        {entry.seats} · {entry.price}
      </p>
    </li>
  );
}

type Feed = { label: string; path: string };

/** Links to calendar feeds: to subscribe (webcal://) and to download (https://). */
export function AgendaFeeds({ baseUrl, feeds, themes }: { baseUrl: string; feeds: Feed[]; themes: Feed[] }) {
  const host = new URL(baseUrl).host;
  const links = (f: Feed) => (
    <li key={f.path}>
      {f.label} : <a href={`webcal://${host}${f.path}`}>{m.feedSubscribe}</a> · <a href={`${baseUrl}${f.path}`}>{m.feedDownload}</a>
    </li>
  );
  return (
    <section aria-labelledby="flux" className="agenda-feeds">
      <h2 id="flux">{m.feedsTitle}</h2>
      <p>{m.feedsText}</p>
      {feeds.length ? <ul>{feeds.map(links)}</ul> : null}
      <details>
        <summary>{m.feedThemes}</summary>
        <ul>{themes.map(links)}</ul>
      </details>
      <p>
        <a href="/api/v1/openapi.json">{m.apiText}</a>
      </p>
    </section>
  );
}
