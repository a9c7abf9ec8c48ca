-- Extensions available both in PGlite 0.5 and in PostgreSQL 15+ (contrib).
-- Never load cube/earthdistance with pg_trgm: in PGlite the % operator then misbehaves.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
