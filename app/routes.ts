import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("lieux", "routes/places.tsx"),
  route("lieux/carte", "routes/places-map.tsx"),
  route("lieux/:slug", "routes/place.tsx"),
  route("lieux/:slug/signaler", "routes/place-report.tsx"),
  route("accessibilite", "routes/accessibility.tsx"),
  route("sitemap.xml", "routes/sitemap.ts"),
  route("robots.txt", "routes/robots.ts"),
  route("api/v1/lieux", "routes/api.v1.places.ts"),
  route("api/v1/lieux.csv", "routes/api.v1.places-csv.ts"),
  route("api/v1/openapi.json", "routes/api.v1.openapi.ts"),
  route("connexion", "routes/connexion.tsx"),
  route("deconnexion", "routes/deconnexion.tsx"),
  route("gestion", "routes/gestion.tsx"),
  route("gestion/sessions", "routes/gestion.sessions.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
