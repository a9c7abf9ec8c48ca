/**
 * The agenda's open API: the query (the page's parameters, strict: a bad or unknown one is a 400
 * with French messages, plus `par_page`), an entry as JSON (times with the place's offset), and
 * the export whose fields follow OpenAgenda's event model so that a region can feed its OpenAgenda.
 *
 * OpenAgenda's event model, as documented by OpenAgenda (dev-doc, « Structure d'un événement »,
 * docs/evenements/structure.md, and « Structure d'un lieu », docs/lieux/structure.md, in the
 * OpenAgenda/dev-doc repository): `title`, `description` (≤ 200 characters), `longDescription`
 * (markdown, ≤ 10,000), `conditions` (≤ 255) and `keywords` are multilingual ({ fr }); `timings`
 * [{ begin, end }] with the offset; `registration` [{ type: link | phone | email, value }];
 * `accessibility` { hi, vi, pi, mi, ii } (hearing, visual, psychic, motor, intellectual);
 * `attendanceMode` 1 offline, 2 online, 3 mixed, with `onlineAccessLink`; `status` 1 scheduled,
 * 2 rescheduled, 3 moved online, 4 postponed, 5 full, 6 cancelled; `extIds` [{ key, value }];
 * `timezone`; a location has name, address, city, postalCode, latitude, longitude, countryCode.
 * OpenAgenda assigns its own integer `uid` when an event is created: ours (the session id) is
 * given as `uid` for reference and, to match on later imports, in `extIds` under « reseau-epn ».
 */
import { toZonedIso } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { AGENDA_PARAMS, kindWord, levelWord, parseAgendaQuery, type AgendaQuery } from "./agenda-query";
import type { AgendaEntry } from "./agenda.server";

export const API_PER_PAGE_DEFAULT = 20;
export const API_PER_PAGE_MAX = 100;
/** The key of our ids in OpenAgenda's `extIds`. */
export const EXT_ID_KEY = "reseau-epn";

export type ApiError = { parametre: string; message: string };

/** The API's query: the page's parameters plus `par_page`; any bad or unknown parameter is an error. */
export function parseAgendaApiQuery(url: URL, today: string): { ok: true; query: AgendaQuery; perPage: number } | { ok: false; errors: ApiError[] } {
  const known = [...AGENDA_PARAMS, "par_page"];
  const errors: ApiError[] = [];
  for (const key of new Set(url.searchParams.keys())) {
    if (!known.includes(key)) errors.push({ parametre: key, message: fr.agenda.api.unknownParameter(key, known.join(", ")) });
  }
  const parsed = parseAgendaQuery(url.searchParams, today);
  for (const [parametre, message] of Object.entries(parsed.errors)) errors.push({ parametre: parametre === "dates" ? "au" : parametre, message: message! });
  const raw = url.searchParams.get("par_page");
  let perPage = API_PER_PAGE_DEFAULT;
  if (raw !== null) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > API_PER_PAGE_MAX) errors.push({ parametre: "par_page", message: `« par_page » doit être un nombre entier entre 1 et ${API_PER_PAGE_MAX}.` });
    else perPage = n;
  }
  return errors.length ? { ok: false, errors } : { ok: true, query: parsed.query, perPage };
}

const sessionUrl = (baseUrl: string, e: AgendaEntry) => `${baseUrl}/ateliers/${e.sessionId}`;
const REGISTRATION_WORDS = { none: "sans", session: "seance", cycle: "cycle" } as const;

/** One entry of GET /api/v1/agenda (read with its details). */
export function entryToJson(e: AgendaEntry, baseUrl: string) {
  const d = e.detail;
  const online = e.where.kind === "online";
  return {
    id: e.sessionId,
    titre: e.title,
    type: kindWord(e.kind),
    theme: e.theme ? { code: e.theme, libelle: e.themeLabel ?? e.theme } : null,
    niveau: e.level ? levelWord(e.level) : null,
    debut: toZonedIso(e.timeZone, e.startsAt),
    fin: toZonedIso(e.timeZone, e.endsAt),
    fuseau: e.timeZone,
    quand: e.when,
    en_ligne: online,
    lieu: { nom: e.where.placeName, slug: e.where.placeSlug, url: `${baseUrl}/lieux/${e.where.placeSlug}` },
    arret: e.where.kind === "stop" ? { libelle: e.where.label, commune: e.where.commune } : null,
    adresse: online ? null : { adresse: d?.address ?? "", code_postal: d?.postcode ?? "", commune: e.where.commune, latitude: d?.latitude ?? null, longitude: d?.longitude ?? null },
    distance_km: e.distanceKm,
    inscription: REGISTRATION_WORDS[e.registration],
    places: { texte: e.seats, restantes: e.seatsLeft, capacite: e.capacity },
    tarif: { texte: e.price, centimes: e.priceCents ?? 0 },
    annulee: e.cancelled,
    description: d?.description ?? "",
    public: d?.audience ?? "",
    a_apporter: d?.bring ?? "",
    accessibilite: d?.accessibility ?? "",
    url: sessionUrl(baseUrl, e),
  };
}

export type OpenAgendaAccessibility = Partial<Record<"hi" | "vi" | "pi" | "mi" | "ii", true>>;

/**
 * OpenAgenda's accessibility flags from our free text, only where the words leave no doubt; a
 * text with a negation (« pas accessible en fauteuil ») or nothing recognised gives no flag (the
 * text itself goes into the long description). Psychic impairment (`pi`) is never inferred.
 */
export function accessibilityFlags(text: string): OpenAgendaAccessibility {
  const t = text.toLowerCase().normalize("NFD").replace(/\p{Diacritic}/gu, "");
  if (!t.trim() || /\b(pas|non|aucun|aucune|sans|ni|inaccessible|impossible)\b|n'/.test(t)) return {};
  const flags: OpenAgendaAccessibility = {};
  if (/boucle (magnetique|a induction)|langue des signes|\blsf\b|malentendant|sourd/.test(t)) flags.hi = true;
  if (/braille|audiodescription|audio-description|malvoyant|aveugle|chien guide/.test(t)) flags.vi = true;
  if (/fauteuil roulant|\bpmr\b|mobilite reduite|plain-pied|de plain pied|ascenseur|rampe d'acces|handicap moteur/.test(t)) flags.mi = true;
  if (/\bfalc\b|facile a lire et a comprendre|handicap (intellectuel|mental)/.test(t)) flags.ii = true;
  return flags;
}

/** The first `max` characters, cut at a word with « … ». */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

/** One event of GET /api/v1/agenda/openagenda, in OpenAgenda's event model (see the top of this file). */
export function entryToOpenAgenda(e: AgendaEntry, baseUrl: string) {
  const d = e.detail;
  const url = sessionUrl(baseUrl, e);
  const online = e.where.kind === "online";
  const facts = [
    [e.kindLabel, e.themeLabel, e.levelLabel].filter(Boolean).join(" · "),
    d?.audience ? `**Pour qui :** ${d.audience}` : "",
    d?.bring ? `**À apporter :** ${d.bring}` : "",
    d?.accessibility ? `**Accessibilité :** ${d.accessibility}` : "",
    `**Places :** ${e.seats} · **Tarif :** ${e.price}`,
    `Détails et inscription : ${url}`,
  ];
  const registration: { type: "link" | "phone" | "email"; value: string }[] = [];
  if (e.registration !== "none") registration.push({ type: "link", value: url });
  if (d?.placePhone) registration.push({ type: "phone", value: d.placePhone });
  const status = e.cancelled ? 6 : e.seatsLeft === 0 ? 5 : 1;
  return {
    uid: e.sessionId,
    extIds: [{ key: EXT_ID_KEY, value: e.sessionId }],
    title: { fr: clip(e.title, 140) },
    description: { fr: clip(d?.description || e.title, 200) },
    longDescription: { fr: clip([d?.description ?? "", ...facts].filter(Boolean).join("\n\n"), 10_000) },
    conditions: { fr: clip(`${e.price}. ${e.seats}.`, 255) },
    keywords: { fr: [e.kindLabel, e.themeLabel, e.levelLabel].filter((k): k is string => Boolean(k)) },
    timings: [{ begin: toZonedIso(e.timeZone, e.startsAt), end: toZonedIso(e.timeZone, e.endsAt) }],
    timezone: e.timeZone,
    attendanceMode: online ? 2 : 1,
    // The session's page: registered people get the meeting link from there (ours is never published).
    onlineAccessLink: online ? url : undefined,
    location: online
      ? null
      : {
          name: e.where.kind === "stop" ? `${e.where.label} (${e.where.placeName})` : e.where.placeName,
          address: [d?.address, [d?.postcode, e.where.commune].filter(Boolean).join(" ")].filter(Boolean).join(", "),
          city: e.where.commune,
          postalCode: d?.postcode ?? "",
          latitude: d?.latitude ?? null,
          longitude: d?.longitude ?? null,
          countryCode: "FR",
        },
    registration,
    accessibility: accessibilityFlags(d?.accessibility ?? ""),
    status,
  };
}
