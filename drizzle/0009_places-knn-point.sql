DROP INDEX "places_location_idx";--> statement-breakpoint
DROP INDEX "places_location_service_1_idx";--> statement-breakpoint
DROP INDEX "places_location_service_2_idx";--> statement-breakpoint
DROP INDEX "places_location_service_3_idx";--> statement-breakpoint
DROP INDEX "places_location_service_4_idx";--> statement-breakpoint
DROP INDEX "places_location_service_5_idx";--> statement-breakpoint
DROP INDEX "places_location_service_6_idx";--> statement-breakpoint
DROP INDEX "places_location_service_7_idx";--> statement-breakpoint
DROP INDEX "places_location_service_8_idx";--> statement-breakpoint
DROP INDEX "places_location_service_9_idx";--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "knn_point" "point" GENERATED ALWAYS AS (case when latitude is null or longitude is null then null else point(longitude, latitude * 1.45) end) STORED;--> statement-breakpoint
CREATE INDEX "places_knn_idx" ON "places" USING gist ("knn_point");--> statement-breakpoint
CREATE INDEX "places_time_zone_idx" ON "places" USING btree ("time_zone");--> statement-breakpoint
CREATE INDEX "places_knn_service_1_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Aide aux démarches administratives']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_2_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Maîtrise des outils numériques du quotidien']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_3_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Insertion professionnelle via le numérique']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_4_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Utilisation sécurisée du numérique']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_5_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Parentalité et éducation avec le numérique']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_6_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Loisirs et créations numériques']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_7_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Compréhension du monde numérique']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_8_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Accès internet et matériel informatique']::text[];--> statement-breakpoint
CREATE INDEX "places_knn_service_9_idx" ON "places" USING gist ("knn_point","week_hours") WHERE services @> array['Acquisition de matériel informatique à prix solidaire']::text[];--> statement-breakpoint
ALTER TABLE "places" DROP COLUMN "location";