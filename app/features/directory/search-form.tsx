import { fr } from "~/lib/messages";

/** A plain GET form: works without JavaScript and keeps the query in the URL. */
export function SearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form className="search" method="get" action="/lieux" role="search">
      <label htmlFor="q">{fr.home.searchLabel}</label>
      <input id="q" name="q" type="search" defaultValue={defaultValue} autoComplete="address-level2" />
      <button type="submit">{fr.home.searchButton}</button>
    </form>
  );
}
