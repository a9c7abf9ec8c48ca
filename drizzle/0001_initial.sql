CREATE TABLE "communes" (
	"insee" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"postcodes" text[] NOT NULL,
	"department" text NOT NULL,
	"region" text,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"location" "point" GENERATED ALWAYS AS (point(longitude, latitude)) STORED,
	"coordinate_source" text NOT NULL,
	"time_zone" text NOT NULL,
	"population" integer
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"shape" text NOT NULL,
	"network_id" uuid,
	"partial" boolean DEFAULT false NOT NULL,
	"counts" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"label" text NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"decision" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"territory" text,
	"description" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "networks_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"pivot" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_pivot_unique" UNIQUE("pivot")
);
--> statement-breakpoint
CREATE TABLE "place_networks" (
	"place_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_networks_place_id_network_id_pk" PRIMARY KEY("place_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organisation_id" uuid,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"pivot" text NOT NULL,
	"name" text NOT NULL,
	"commune" text NOT NULL,
	"postcode" text NOT NULL,
	"insee_code" text,
	"address" text NOT NULL,
	"address_complement" text,
	"latitude" double precision,
	"longitude" double precision,
	"typologie" text[] DEFAULT '{}' NOT NULL,
	"phone" text,
	"emails" text[] DEFAULT '{}' NOT NULL,
	"websites" text[] DEFAULT '{}' NOT NULL,
	"opening_hours" text,
	"summary" text,
	"description" text,
	"data_source" text,
	"itinerance" text[] DEFAULT '{}' NOT NULL,
	"parent_structure" text,
	"updated_on" date NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"publics" text[] DEFAULT '{}' NOT NULL,
	"specific_support" text[] DEFAULT '{}' NOT NULL,
	"fees" text[] DEFAULT '{}' NOT NULL,
	"national_programs" text[] DEFAULT '{}' NOT NULL,
	"training_labels" text[] DEFAULT '{}' NOT NULL,
	"other_training_labels" text,
	"access_modes" text[] DEFAULT '{}' NOT NULL,
	"support_modes" text[] DEFAULT '{}' NOT NULL,
	"acces_libre_url" text,
	"booking_url" text,
	"location" "point" GENERATED ALWAYS AS (case when latitude is null or longitude is null then null else point(longitude, latitude) end) STORED,
	"coordinates_from" text,
	"hours_text" text,
	"time_zone" text DEFAULT 'Europe/Paris' NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"computers" smallint,
	"laptops" smallint,
	"tablets" smallint,
	"printers" smallint,
	"printers_3d" smallint,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "places_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_grants" ADD CONSTRAINT "label_grants_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_grants" ADD CONSTRAINT "label_grants_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_networks" ADD CONSTRAINT "place_networks_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_networks" ADD CONSTRAINT "place_networks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communes_search_name_idx" ON "communes" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "communes_postcodes_idx" ON "communes" USING gin ("postcodes");--> statement-breakpoint
CREATE INDEX "label_grants_place_idx" ON "label_grants" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "label_grants_network_idx" ON "label_grants" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "place_networks_network_idx" ON "place_networks" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "places_source_key" ON "places" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "places_location_idx" ON "places" USING gist ("location");--> statement-breakpoint
CREATE INDEX "places_insee_idx" ON "places" USING btree ("insee_code");--> statement-breakpoint
CREATE INDEX "places_postcode_idx" ON "places" USING btree ("postcode");--> statement-breakpoint
CREATE INDEX "places_name_trgm_idx" ON "places" USING gin ("name" gin_trgm_ops);