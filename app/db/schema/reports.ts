/** The public's error reports about places. */
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { places } from "./places";

/** "Signaler une erreur": a report from the public, stored for the place's managers. No personal data required. */
export const placeReports = pgTable(
  "place_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    message: text("message").notNull(),
    status: text("status", { enum: ["new", "resolved"] }).notNull().default("new"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("place_reports_place_idx").on(t.placeId, t.createdAt)],
);
