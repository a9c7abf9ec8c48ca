import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, bookings, memberships, resources, users } from "~/db/schema";
import { backupDatabase, restoreDatabase } from "~/features/backup/backup.server";
import { createBookingRow, createNetwork, createPlace, createResource, createStaffUser } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "epn-backup-"));
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

async function snapshot() {
  return {
    users: await database.db.select({ email: users.email, name: users.name }).from(users).orderBy(users.email),
    memberships: await database.db.select({ role: memberships.role, networkId: memberships.networkId }).from(memberships),
    audit: await database.db.select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog).orderBy(auditLog.action),
    resources: await database.db.select({ id: resources.id, name: resources.name, reasons: resources.reasons }).from(resources),
    bookings: await database.db.select({ id: bookings.id, during: bookings.during, firstName: bookings.firstName, attendance: bookings.attendance }).from(bookings),
  };
}

describe("backup and restore of accounts, the audit log and bookings", () => {
  it("restores users, memberships, the append-only audit log, resources and bookings as they were", async () => {
    const network = await createNetwork(database.db, { slug: "reseau-test", name: "Réseau test" });
    const user = await createStaffUser(database.db, { email: "coordination@example.fr", name: "Coordination", role: "coordinator", networkId: network.id });
    await database.db.insert(auditLog).values({ actorUserId: user.id, action: "network.create", entityType: "network", entityId: network.id, networkId: network.id, after: { slug: "reseau-test" } });
    const place = await createPlace(database.db);
    const station = await createResource(database.db, { placeId: place.id, reasons: ["Emploi, CV"] });
    await createBookingRow(database.db, { resource: station, startsAt: new Date("2026-12-08T09:00:00Z"), attendance: "present" });
    const before = await snapshot();
    const file = path.join(tmp, "sauvegarde.jsonl.gz");
    await backupDatabase(database, file);

    await database.db.insert(auditLog).values({ actorUserId: user.id, action: "place.edit", entityType: "place", entityId: network.id });
    await createStaffUser(database.db, { email: "autre@example.fr", name: "Autre" });
    await expect(database.query("delete from audit_log")).rejects.toThrow(/append-only/);

    await restoreDatabase(database, file);
    expect(await snapshot()).toEqual(before);
    // still append-only after a restore
    await expect(database.query("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
  });
});
