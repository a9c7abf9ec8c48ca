import { fr } from "~/lib/messages";

export function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#contenu">
        {fr.site.skipToContent}
      </a>
      <header className="site-header">
        <a className="site-name" href="/">
          {fr.site.name}
        </a>
        <nav aria-label={fr.site.mainNav}>
          <ul>
            <li>
              <a href="/">{fr.site.navHome}</a>
            </li>
            <li>
              <a href="/lieux">{fr.site.navPlaces}</a>
            </li>
            <li><a href="/agenda">{fr.agenda.nav}</a></li>
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{fr.site.footer}</p>
        <ul className="footer-links">
          <li>
            <a href="/accessibilite">{fr.site.accessibility}</a>
          </li>
          <li>
            <a href="/confidentialite">{fr.privacy.link}</a>
          </li>
          <li>
            <a href="/api/v1/lieux.csv">{fr.site.openData}</a>
          </li>
          <li>
            <a href="/api/v1/openapi.json">{fr.site.api}</a>
          </li>
        </ul>
      </footer>
    </>
  );
}
