/**
 * The coordinator's hold on which places make up the network: create a place in it
 * (the national standard's required fields, unpublished), attach an existing place,
 * detach one. Each change is one transaction with its audit line.
 */
import crypto from "node:crypto";
import { and, asc, eq, like, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { placeNetworks, places } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { resolveCommune } from "~/features/communes/communes";
import { standardToColumns } from "~/features/places/standard-fields";
import { validateStandardRow } from "~/features/standard/schema";
import { parseStandardRow } from "~/features/standard/types";
import { fr } from "~/lib/messages";
import { freePlaceSlug } from "~/features/places/places.server";
import { foldText } from "~/lib/text";
import { CREATE_FIELDS, createPlaceSchema, type CreateErrors, type CreateValues } from "./create-place-form";
import { endGrants } from "./labels.server";
import { placeInNetwork } from "./network-places.server";
import { todayInFrance } from "~/features/time/today";
import { isUuid } from "~/lib/ids";
import { fieldErrors } from "~/lib/forms";

const m = fr.coordination;

/** Places created in the back-office: their source in the import key (source + id). */
const BACKOFFICE_SOURCE = "reseau-epn";
const ATTACH_RESULTS = 20;

type Network = { id: string; name: string };

// ——— Create ———

export type CreateOutcome = { ok: true; placeId: string; name: string } | { ok: false; errors: CreateErrors };

/**
 * Check what was typed (zod, then the commune against the offline reference, then the
 * national standard itself) and create the place, unpublished, in the network.
 */
export async function createNetworkPlace(db: Db, options: { network: Network; values: CreateValues; actorUserId: string; now?: Date }): Promise<CreateOutcome> {
  const now = options.now ?? new Date();
  const parsed = createPlaceSchema.safeParse(options.values);
  if (!parsed.success) return { ok: false, errors: fieldErrors<keyof CreateErrors>(parsed.error) };
  const input = parsed.data;
  const found = resolveCommune({ name: input.commune, postcode: input.code_postal });
  // The name must match a commune of that postcode (a postcode alone would pick any of its communes).
  if (!found || found.matchedBy !== "postcode+name") return { ok: false, errors: { commune: m.communeUnknown } };
  const commune = found.commune;
  const sourceId = crypto.randomUUID();
  const row: Record<string, string> = {
    id: sourceId, nom: input.nom, pivot: input.pivot, adresse: input.adresse, code_postal: input.code_postal, commune: commune.name,
    code_insee: commune.insee, latitude: String(commune.latitude), longitude: String(commune.longitude), date_maj: todayInFrance(now),
  };
  const problems = validateStandardRow(row);
  if (problems.length > 0) {
    const errors: CreateErrors = {};
    for (const p of problems) {
      const key = (CREATE_FIELDS as readonly string[]).includes(p.field) ? (p.field as keyof CreateErrors) : "nom";
      errors[key] ??= `${p.message} ${p.hint}`.trim();
    }
    return { ok: false, errors };
  }
  const place = parseStandardRow(row);
  const slug = await freePlaceSlug(db, `${place.nom} ${place.commune}`);
  const placeId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(places)
      .values({
        ...standardToColumns(place),
        slug,
        source: BACKOFFICE_SOURCE,
        status: "unpublished",
        coordinatesFrom: "commune",
        timeZone: commune.timeZone,
        searchText: foldText(`${place.nom} ${place.commune}`),
        contentHash: crypto.createHash("sha1").update(JSON.stringify(row)).digest("hex"),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: places.id });
    await tx.insert(placeNetworks).values({ placeId: created!.id, networkId: options.network.id, createdAt: now });
    await recordAudit(
      tx,
      {
        actorUserId: options.actorUserId, action: "place.create", entityType: "place", entityId: created!.id, placeId: created!.id, networkId: options.network.id,
        before: null, after: { name: place.nom, pivot: place.pivot, address: place.adresse, postcode: place.code_postal, commune: place.commune, status: "unpublished" },
      },
      now,
    );
    return created!.id;
  });
  return { ok: true, placeId, name: place.nom };
}

// ——— Attach and detach ———

/** Places outside the network whose name or commune contains the words typed (first ATTACH_RESULTS, by name). */
export async function searchPlacesToAttach(db: Db, networkId: string, query: string) {
  const q = foldText(query);
  if (q.length < 3) return { places: [], more: false };
  const inNetwork = db.select({ id: placeNetworks.placeId }).from(placeNetworks).where(eq(placeNetworks.networkId, networkId));
  const rows = await db
    .select({ id: places.id, name: places.name, commune: places.commune, postcode: places.postcode, status: places.status })
    .from(places)
    .where(and(like(places.searchText, `%${q.replace(/[\\%_]/g, "\\$&")}%`), notInArray(places.id, inNetwork)))
    .orderBy(asc(places.name), asc(places.commune), asc(places.id))
    .limit(ATTACH_RESULTS + 1);
  return { places: rows.slice(0, ATTACH_RESULTS), more: rows.length > ATTACH_RESULTS };
}

export const placeIdSchema = z.object({ lieu: z.string().refine(isUuid, m.placeNotFound) });

export type MembershipOutcome = { ok: true; placeName: string } | { ok: false; error: string };

export async function attachPlace(db: Db, options: { network: Network; placeId: string; actorUserId: string; now?: Date }): Promise<MembershipOutcome> {
  const now = options.now ?? new Date();
  const { network, placeId, actorUserId } = options;
  if (!isUuid(placeId)) return { ok: false, error: m.placeNotFound };
  const [place] = await db.select({ id: places.id, name: places.name }).from(places).where(eq(places.id, placeId));
  if (!place) return { ok: false, error: m.placeNotFound };
  return db.transaction(async (tx) => {
    const added = await tx.insert(placeNetworks).values({ placeId, networkId: network.id, createdAt: now }).onConflictDoNothing().returning({ placeId: placeNetworks.placeId });
    if (added.length === 0) return { ok: false, error: m.alreadyInNetwork } as const;
    await recordAudit(tx, { actorUserId, action: "network.attach", entityType: "place_network", entityId: placeId, placeId, networkId: network.id, before: null, after: { network: network.name } }, now);
    return { ok: true, placeName: place.name } as const;
  });
}

/** Take a place out of the network; the network's current label ends with it (audited too). */
export async function detachPlace(db: Db, options: { network: Network; placeId: string; actorUserId: string; now?: Date }): Promise<MembershipOutcome> {
  const now = options.now ?? new Date();
  const { network, placeId, actorUserId } = options;
  if (!(await placeInNetwork(db, network.id, placeId))) return { ok: false, error: fr.backoffice.network.notInNetwork };
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, placeId));
  await db.transaction(async (tx) => {
    await endGrants(tx, { networkId: network.id, placeId, actorUserId, now });
    await tx.delete(placeNetworks).where(and(eq(placeNetworks.placeId, placeId), eq(placeNetworks.networkId, network.id)));
    await recordAudit(tx, { actorUserId, action: "network.detach", entityType: "place_network", entityId: placeId, placeId, networkId: network.id, before: { network: network.name }, after: null }, now);
  });
  return { ok: true, placeName: place!.name };
}
