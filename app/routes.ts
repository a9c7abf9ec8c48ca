/**
 * Which URL goes where, one section per area (route modules live in app/routes/<area>/).
 * Public URLs are in French. A new route also needs its rows in the authorization matrix
 * (tests/integration/matrix/).
 */
import { type RouteConfig, index, route } from "@react-router/dev/routes";

/** The public directory: no account, no JavaScript needed, under 40 KB a page. */
const publicPages = [
  index("routes/public/home.tsx"),
  route("lieux", "routes/public/places.tsx"),
  route("lieux/carte", "routes/public/places-map.tsx"),
  route("lieux/:slug", "routes/public/place.tsx"),
  route("lieux/:slug/signaler", "routes/public/place-report.tsx"),
  // Booking without an account (app/features/scheduling)
  route("lieux/:slug/reserver", "routes/public/booking-offers.tsx"),
  route("lieux/:slug/reserver/:offer", "routes/public/booking.tsx"),
  route("reservation/:token", "routes/public/booking-manage.tsx"),
  route("reservation/:token/agenda.ics", "routes/public/booking-ics.ts"),
  route("calendrier/:token", "routes/public/calendar-feed.ts"),
  // Workshops: a session's page and registration, the registration's manage link (app/features/workshops)
  route("ateliers/:sessionId", "routes/public/workshop-session.tsx"),
  route("inscription/:token", "routes/public/registration-manage.tsx"),
  route("inscription/:token/agenda.ics", "routes/public/registration-ics.ts"),
  // The network's agenda and its feeds (app/features/workshops)
  route("agenda", "routes/public/agenda.tsx"),
  route("agenda/theme/:file", "routes/public/agenda-theme-ics.ts"),
  route("lieux/:slug/agenda.ics", "routes/public/place-agenda-ics.ts"),
  route("reseaux/:slug/agenda.ics", "routes/public/network-agenda-ics.ts"),
  route("accessibilite", "routes/public/accessibility.tsx"),
  // What the platform keeps about people and for how long (people followed by name: app/features/mediation)
  route("confidentialite", "routes/public/privacy.tsx"),
  route("sitemap.xml", "routes/public/sitemap.ts"),
  route("robots.txt", "routes/public/robots.ts"),
];

/** Open data: the national standard as JSON and CSV, the data·inclusion schema; booking for partners' sites and apps. */
const api = [
  route("api/v1/lieux", "routes/api/places.ts"),
  route("api/v1/lieux.csv", "routes/api/places-csv.ts"),
  route("api/v1/lieux/:slug/disponibilites", "routes/api/availability.ts"),
  route("api/v1/reservations", "routes/api/reservations.ts"),
  route("api/v1/agenda", "routes/api/agenda.ts"),
  route("api/v1/agenda/openagenda", "routes/api/agenda-openagenda.ts"),
  route("api/v1/openapi.json", "routes/api/openapi.ts"),
  // Partners' own systems: their referrals, with an API key of the organisation (app/features/api, referrals)
  route("api/v1/partenaires/orientations", "routes/api/partner-referrals.ts"),
  route("api/v1/partenaires/orientations/:referralId", "routes/api/partner-referral.ts"),
  // The public aggregates of the help given, per place and month (app/features/mediation, stats*)
  route("api/v1/statistiques", "routes/api/statistics.ts"),
  // The places and their services in the data·inclusion schema, for Dora and the inclusion tools (app/features/data-inclusion)
  route("api/v1/data-inclusion/structures", "routes/api/data-inclusion-structures.ts"),
  route("api/v1/data-inclusion/services", "routes/api/data-inclusion-services.ts"),
];

/** Staff accounts: sign in and out (password, OpenID Connect), invitations, one-time links. */
const accounts = [
  route("connexion", "routes/accounts/sign-in.tsx"),
  route("deconnexion", "routes/accounts/sign-out.tsx"),
  route("connexion/oidc", "routes/accounts/oidc.tsx"),
  route("connexion/oidc/retour", "routes/accounts/oidc-callback.tsx"),
  route("invitation/:token", "routes/accounts/invitation.tsx"),
  route("mot-de-passe-oublie", "routes/accounts/password-forgot.tsx"),
  route("mot-de-passe/:token", "routes/accounts/password-reset.tsx"),
  route("verification/:token", "routes/accounts/email-verify.tsx"),
];

/** The back-office (/gestion): places, networks, reports, staff. */
const gestion = [
  route("gestion", "routes/gestion/home.tsx"),
  route("gestion/sessions", "routes/gestion/sessions.tsx"),
  route("gestion/dev/mails", "routes/gestion/dev-mails.tsx"),
  // A place
  route("gestion/lieux/:placeId", "routes/gestion/place-edit.tsx"),
  route("gestion/lieux/:placeId/journal", "routes/gestion/place-audit.tsx"),
  route("gestion/lieux/:placeId/apercu", "routes/gestion/place-preview.tsx"),
  route("gestion/lieux/:placeId/equipe", "routes/gestion/place-staff.tsx"),
  route("gestion/lieux/:placeId/signalements", "routes/gestion/place-reports.tsx"),
  route("gestion/lieux/:placeId/agenda", "routes/gestion/place-agenda.tsx"),
  route("gestion/lieux/:placeId/agenda/reserver", "routes/gestion/place-booking.tsx"),
  route("gestion/lieux/:placeId/ressources", "routes/gestion/place-resources.tsx"),
  route("gestion/lieux/:placeId/ressources/:resourceId", "routes/gestion/place-resource.tsx"),
  route("gestion/lieux/:placeId/ateliers/seances/:sessionId", "routes/gestion/place-workshop-session.tsx"),
  route("gestion/lieux/:placeId/ateliers/seances/:sessionId/emargement", "routes/gestion/place-workshop-sheet.tsx"),
  route("gestion/lieux/:placeId/arrets", "routes/gestion/place-stops.tsx"),
  route("gestion/lieux/:placeId/ateliers", "routes/gestion/place-workshops.tsx"),
  route("gestion/lieux/:placeId/ateliers/:workshopId", "routes/gestion/place-workshop.tsx"),
  // Help records (app/features/mediation)
  route("gestion/lieux/:placeId/accompagnements", "routes/gestion/place-records.tsx"),
  route("gestion/lieux/:placeId/accompagnements/nouveau", "routes/gestion/place-record-new.tsx"),
  route("gestion/lieux/:placeId/accompagnements/:recordId", "routes/gestion/place-record.tsx"),
  // Help records' exports (place: with names and notes; network: without) and La Coop's import (app/features/mediation)
  route("gestion/lieux/:placeId/accompagnements/export.csv", "routes/gestion/place-records-export.ts", { id: "place-records-export-csv" }),
  route("gestion/lieux/:placeId/accompagnements/export.xlsx", "routes/gestion/place-records-export.ts", { id: "place-records-export-xlsx" }),
  route("gestion/lieux/:placeId/accompagnements/import", "routes/gestion/place-records-import.tsx"),
  route("gestion/reseaux/:slug/accompagnements/export.csv", "routes/gestion/network-records-export.ts", { id: "network-records-export-csv" }),
  route("gestion/reseaux/:slug/accompagnements/export.xlsx", "routes/gestion/network-records-export.ts", { id: "network-records-export-xlsx" }),
  // People followed by name, their rights, retention (app/features/mediation: beneficiaries)
  route("gestion/lieux/:placeId/caisse/adherents", "routes/gestion/place-members.tsx"),
  route("gestion/lieux/:placeId/beneficiaires", "routes/gestion/place-beneficiaries.tsx"),
  route("gestion/lieux/:placeId/beneficiaires/nouveau", "routes/gestion/place-beneficiary-new.tsx"),
  route("gestion/lieux/:placeId/beneficiaires/consentement", "routes/gestion/place-beneficiary-consent.tsx"),
  route("gestion/lieux/:placeId/beneficiaires/:beneficiaryId", "routes/gestion/place-beneficiary.tsx"),
  route("gestion/lieux/:placeId/beneficiaires/:beneficiaryId/donnees", "routes/gestion/place-beneficiary-data.tsx"),
  route("gestion/lieux/:placeId/beneficiaires/:beneficiaryId/donnees.json", "routes/gestion/place-beneficiary-data-json.ts"),
  // A network
  route("gestion/reseaux/:slug", "routes/gestion/network.tsx"),
  route("gestion/reseaux/:slug/journal", "routes/gestion/network-audit.tsx"),
  route("gestion/reseaux/:slug/signalements", "routes/gestion/network-reports.tsx"),
  route("gestion/reseaux/:slug/nouveau-lieu", "routes/gestion/network-create.tsx"),
  route("gestion/reseaux/:slug/rattacher", "routes/gestion/network-attach.tsx"),
  route("gestion/reseaux/:slug/import", "routes/gestion/network-import.tsx"),
  // The network's partner organisations: their advisers, webhooks, API keys; the referral rules (app/features/partners)
  route("gestion/reseaux/:slug/partenaires", "routes/gestion/network-partners.tsx"),
  route("gestion/reseaux/:slug/partenaires/:partnerId", "routes/gestion/network-partner.tsx"),
  // The till (« Caisse »): selling, the cash journal's days (app/features/sales)
  route("gestion/lieux/:placeId/caisse", "routes/gestion/place-till.tsx"),
  route("gestion/lieux/:placeId/caisse/journal", "routes/gestion/place-cash-day.tsx"),
  route("gestion/lieux/:placeId/caisse/ventes/:saleId", "routes/gestion/place-sale.tsx"),
  // The cash office's tariffs: items, dated prices, reduced-rate categories, receipts' words (app/features/sales, managers)
  route("gestion/lieux/:placeId/caisse/tarifs", "routes/gestion/place-tariffs.tsx"),
  route("gestion/lieux/:placeId/caisse/tarifs/:itemId", "routes/gestion/place-tariff-item.tsx"),
  // The till's receipts (PDF, by mail) and the month's cash journal (CSV, XLSX)
  route("gestion/lieux/:placeId/caisse/ventes/:saleId/recu.pdf", "routes/gestion/place-sale-receipt-pdf.ts"),
  route("gestion/lieux/:placeId/caisse/ventes/:saleId/envoyer", "routes/gestion/place-sale-receipt-send.tsx"),
  route("gestion/lieux/:placeId/caisse/journal/export.csv", "routes/gestion/place-cash-journal-export.ts", { id: "place-cash-journal-csv" }),
  route("gestion/lieux/:placeId/caisse/journal/export.xlsx", "routes/gestion/place-cash-journal-export.ts", { id: "place-cash-journal-xlsx" }),
  route("gestion/reseaux/:slug/caisse/export.csv", "routes/gestion/network-cash-journal-export.ts", { id: "network-cash-journal-csv" }),
  route("gestion/reseaux/:slug/caisse/export.xlsx", "routes/gestion/network-cash-journal-export.ts", { id: "network-cash-journal-xlsx" }),
  // The figures of the help given, per place and per network, and their tables as files (app/features/mediation, stats*)
  route("gestion/lieux/:placeId/statistiques", "routes/gestion/place-statistics.tsx"),
  route("gestion/lieux/:placeId/statistiques/export.csv", "routes/gestion/place-statistics-csv.ts"),
  route("gestion/lieux/:placeId/statistiques/export.xlsx", "routes/gestion/place-statistics-xlsx.ts"),
  // A place's yearly activity report (figures only), for its town hall and the label's funders
  route("gestion/lieux/:placeId/statistiques/rapport.pdf", "routes/gestion/place-report-pdf.ts"),
  route("gestion/lieux/:placeId/statistiques/rapport.xlsx", "routes/gestion/place-report-xlsx.ts"),
  route("gestion/reseaux/:slug/statistiques", "routes/gestion/network-statistics.tsx"),
  route("gestion/reseaux/:slug/statistiques/export.csv", "routes/gestion/network-statistics-csv.ts"),
  route("gestion/reseaux/:slug/statistiques/export.xlsx", "routes/gestion/network-statistics-xlsx.ts"),
  // Partners' extras (app/features/referrals)
  route("gestion/partenaires/:partnerId/envoyer/:slug", "routes/gestion/partner-send-place.tsx"),
  route("gestion/partenaires/:partnerId/orientations.xlsx", "routes/gestion/partner-referrals-xlsx.ts"),
];

/** Partners' referrals (app/features/referrals): the adviser refers and follows; the place answers. */
const referralPages = [
  route("gestion/partenaires/:partnerId", "routes/gestion/partner-home.tsx"),
  route("gestion/partenaires/:partnerId/orienter", "routes/gestion/partner-refer-place.tsx"),
  route("gestion/partenaires/:partnerId/orienter/:slug", "routes/gestion/partner-refer.tsx"),
  route("gestion/partenaires/:partnerId/orientations/:referralId", "routes/gestion/partner-referral.tsx"),
  route("gestion/lieux/:placeId/orientations", "routes/gestion/place-referrals.tsx"),
  route("gestion/lieux/:placeId/orientations/:referralId", "routes/gestion/place-referral.tsx"),
];

/** The network's label (app/features/calls): calls for projects, applications, reviews, decisions, reports. */
const labelPages = [
  route("gestion/reseaux/:slug/appels", "routes/gestion/network-calls.tsx"),
  route("gestion/reseaux/:slug/experts", "routes/gestion/network-experts.tsx"),
  route("gestion/reseaux/:slug/label", "routes/gestion/network-label.tsx"),
  route("gestion/reseaux/:slug/label/rapport.xlsx", "routes/gestion/network-label-report.ts", { id: "network-label-report-xlsx" }),
  route("gestion/reseaux/:slug/label/rapport.pdf", "routes/gestion/network-label-report.ts", { id: "network-label-report-pdf" }),
  route("gestion/reseaux/:slug/appels/:callSlug", "routes/gestion/network-call.tsx"),
  route("gestion/reseaux/:slug/appels/:callSlug/formulaire", "routes/gestion/network-call-form.tsx"),
  route("gestion/reseaux/:slug/appels/:callSlug/grille", "routes/gestion/network-call-grid.tsx"),
  route("gestion/reseaux/:slug/appels/:callSlug/dossiers/:applicationId", "routes/gestion/network-application.tsx"),
  route("gestion/reseaux/:slug/appels/:callSlug/dossiers.csv", "routes/gestion/network-call-export.ts", { id: "network-call-export-csv" }),
  route("gestion/reseaux/:slug/appels/:callSlug/dossiers.xlsx", "routes/gestion/network-call-export.ts", { id: "network-call-export-xlsx" }),
  route("gestion/reseaux/:slug/appels/:callSlug/fichiers.zip", "routes/gestion/network-call-export.ts", { id: "network-call-export-zip" }),
  route("gestion/lieux/:placeId/candidatures", "routes/gestion/place-applications.tsx"),
  route("gestion/lieux/:placeId/candidatures/:applicationId", "routes/gestion/place-application.tsx"),
  route("gestion/dossiers/:applicationId/fichiers/:fileId", "routes/gestion/application-file.ts"),
  route("gestion/dossiers/:applicationId/lettre.pdf", "routes/gestion/application-letter.ts"),
  route("gestion/evaluations", "routes/gestion/reviews.tsx"),
  route("gestion/evaluations/:reviewId", "routes/gestion/review.tsx"),
];

/** The platform admin. */
const admin = [route("gestion/taches", "routes/gestion/jobs.tsx")];

export default [...publicPages, ...api, ...accounts, ...gestion, ...referralPages, ...labelPages, ...admin, route("*", "routes/public/not-found.tsx")] satisfies RouteConfig;
