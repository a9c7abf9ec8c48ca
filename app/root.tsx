import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, useMatches } from "react-router";
import type { Route } from "./+types/root";
import { fr } from "~/lib/messages";
import { SiteLayout } from "~/ui/site-layout";
import stylesheet from "./ui/app.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

/**
 * Public pages are plain server-rendered HTML: no React hydration (≈110 KB of
 * JavaScript). A route that needs it says so with `handle = { hydrate: true }`.
 */
export function Layout({ children }: { children: React.ReactNode }) {
  const matches = useMatches();
  const hydrate = matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate);
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* No favicon request (saves a round trip on slow links). */}
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? <Scripts /> : null}
      </body>
    </html>
  );
}

export default function App() {
  return (
    <SiteLayout>
      <Outlet />
    </SiteLayout>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? fr.errors.notFoundTitle : fr.errors.serverTitle;
  const text = notFound ? (typeof error.data === "string" && error.data ? error.data : fr.errors.notFound) : fr.errors.server;
  return (
    <SiteLayout>
      <title>{`${title} — ${fr.site.name}`}</title>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{fr.errors.backHome}</a>
      </p>
    </SiteLayout>
  );
}
