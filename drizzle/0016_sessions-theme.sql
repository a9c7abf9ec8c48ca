ALTER TABLE "workshop_sessions" ADD COLUMN "theme" text;--> statement-breakpoint
-- Existing sessions take their series' theme (the series commands keep it so from now on).
UPDATE "workshop_sessions" s SET "theme" = w."theme" FROM "workshops" w WHERE w."id" = s."workshop_id" AND w."theme" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "workshop_sessions_theme_idx" ON "workshop_sessions" USING btree ("theme","starts_at") WHERE status = 'scheduled';
