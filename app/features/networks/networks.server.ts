import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { networks } from "~/db/schema";

const NetworkInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "L'identifiant du réseau ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (exemple : web-o-centre)."),
  name: z.string().trim().min(2, "Le nom du réseau doit faire au moins 2 caractères."),
  territory: z.string().trim().optional(),
  isDemo: z.boolean().optional(),
});

export async function createNetwork(db: Db, input: z.input<typeof NetworkInput>) {
  const values = NetworkInput.parse(input);
  const [network] = await db.insert(networks).values(values).onConflictDoNothing().returning();
  if (!network) throw new Error(`Le réseau « ${values.slug} » existe déjà.`);
  return network;
}

export async function getNetworkBySlug(db: Db, slug: string) {
  const [network] = await db
    .select({ id: networks.id, slug: networks.slug, name: networks.name, territory: networks.territory, isDemo: networks.isDemo })
    .from(networks)
    .where(eq(networks.slug, slug));
  return network ?? null;
}

export async function listNetworks(db: Db) {
  return db
    .select({ id: networks.id, slug: networks.slug, name: networks.name, territory: networks.territory })
    .from(networks)
    .orderBy(asc(networks.name));
}
