import type { Route } from "./+types/sitemap";
import { listPlaceSlugs } from "~/features/places/places.server";
import { appContext } from "~/context";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Every public page, for search engines: home, the list, each published place. */
export async function loader({ context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const places = await listPlaceSlugs(database.db);
  const urls = [
    `<url><loc>${env.baseUrl}/</loc></url>`,
    `<url><loc>${env.baseUrl}/lieux</loc></url>`,
    `<url><loc>${env.baseUrl}/accessibilite</loc></url>`,
    `<url><loc>${env.baseUrl}/confidentialite</loc></url>`,
    ...places.map((p) => `<url><loc>${escape(`${env.baseUrl}/lieux/${p.slug}`)}</loc><lastmod>${p.updatedOn}</lastmod></url>`),
  ];
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
