import type { Route } from "./+types/robots";
import { appContext } from "~/context";

export function loader({ context }: Route.LoaderArgs) {
  const { baseUrl } = context.get(appContext).env;
  return new Response(`User-agent: *\nAllow: /\nDisallow: /api/\nSitemap: ${baseUrl}/sitemap.xml\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
