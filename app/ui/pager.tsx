import { fr } from "~/lib/messages";

/** "Page 2 sur 5" with previous / next links, for back-office lists. */
export function Pager({ page, pages, href, label = fr.places.pagination }: { page: number; pages: number; href: (page: number) => string; label?: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label}>
      <p>{fr.places.pageOf(page, pages)}</p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)}>{fr.places.previous}</a>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <a href={href(page + 1)}>{fr.places.next}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
