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
  // Mail, invitations, email verification and password reset
  route("gestion/dev/mails", "routes/gestion.dev-mails.tsx"),
  route("gestion/lieux/:placeId/equipe", "routes/gestion.place-staff.tsx"),
  route("invitation/:token", "routes/invitation.tsx"),
  route("mot-de-passe-oublie", "routes/password-forgot.tsx"),
  route("mot-de-passe/:token", "routes/password-reset.tsx"),
  route("verification/:token", "routes/email-verify.tsx"),
  // OpenID Connect (ProConnect)
  route("connexion/oidc", "routes/connexion.oidc.tsx"),
  route("connexion/oidc/retour", "routes/connexion.oidc-callback.tsx"),
  // Back-office: places and networks
  route("gestion/lieux/:placeId", "routes/gestion.place-edit.tsx"),
  route("gestion/lieux/:placeId/journal", "routes/gestion.place-audit.tsx"),
  route("gestion/lieux/:placeId/apercu", "routes/gestion.place-preview.tsx"),
  route("gestion/reseaux/:slug", "routes/gestion.network.tsx"),
  route("gestion/reseaux/:slug/journal", "routes/gestion.network-audit.tsx"),
  // Back-office: the public's error reports, and the coordinator's network tools
  route("gestion/lieux/:placeId/signalements", "routes/gestion.place-reports.tsx"),
  route("gestion/reseaux/:slug/signalements", "routes/gestion.network-reports.tsx"),
  route("gestion/reseaux/:slug/nouveau-lieu", "routes/gestion.network-create.tsx"),
  route("gestion/reseaux/:slug/rattacher", "routes/gestion.network-attach.tsx"),
  route("gestion/reseaux/:slug/import", "routes/gestion.network-import.tsx"),
  // Platform admin
  route("gestion/taches", "routes/gestion/jobs.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
