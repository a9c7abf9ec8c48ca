CREATE TABLE "booking_settings" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"reminder_hours" integer DEFAULT 24,
	"cancel_deadline_hours" integer DEFAULT 2 NOT NULL,
	"no_show_limit" integer,
	"retention_days" integer DEFAULT 90 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_settings_reminder_check" CHECK ("booking_settings"."reminder_hours" is null or "booking_settings"."reminder_hours" between 2 and 72),
	CONSTRAINT "booking_settings_deadline_check" CHECK ("booking_settings"."cancel_deadline_hours" between 0 and 168),
	CONSTRAINT "booking_settings_no_show_check" CHECK ("booking_settings"."no_show_limit" is null or "booking_settings"."no_show_limit" between 1 and 20),
	CONSTRAINT "booking_settings_retention_check" CHECK ("booking_settings"."retention_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"during" "tstzrange" GENERATED ALWAYS AS (tstzrange(starts_at, blocked_until, '[)')) STORED NOT NULL,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"attendance" text,
	"source" text NOT NULL,
	"person_key" text,
	"first_name" text,
	"phone" text,
	"email" text,
	"reason" text,
	"note" text,
	"created_by" uuid,
	"idempotency_key" text,
	"manage_token_hash" text,
	"cancel_reason" text,
	"cancelled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	CONSTRAINT "bookings_range_check" CHECK ("bookings"."ends_at" > "bookings"."starts_at" and "bookings"."blocked_until" >= "bookings"."ends_at"),
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('pending', 'confirmed', 'cancelled')),
	CONSTRAINT "bookings_attendance_check" CHECK ("bookings"."attendance" is null or "bookings"."attendance" in ('present', 'absent', 'excused')),
	CONSTRAINT "bookings_source_check" CHECK ("bookings"."source" in ('online', 'desk', 'walkin', 'api')),
	CONSTRAINT "bookings_name_check" CHECK (length("bookings"."first_name") <= 80 and length("bookings"."note") <= 500 and length("bookings"."email") <= 254)
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"place_id" uuid NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"resource_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closures_dates_check" CHECK ("closures"."ends_on" >= "closures"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"staff_user_id" uuid,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_minutes" integer DEFAULT 60 NOT NULL,
	"max_minutes" integer DEFAULT 60 NOT NULL,
	"grid_minutes" integer DEFAULT 30 NOT NULL,
	"hours" text,
	"min_lead_minutes" integer DEFAULT 60 NOT NULL,
	"max_lead_days" integer DEFAULT 14 NOT NULL,
	"max_per_day" integer,
	"max_per_week" integer,
	"max_minutes_per_day" integer,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"price_cents" integer,
	"public_online" boolean DEFAULT true NOT NULL,
	"needs_confirmation" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_kind_check" CHECK ("resources"."kind" in ('station', 'room', 'machine', 'appointment')),
	CONSTRAINT "resources_length_check" CHECK ("resources"."min_minutes" between 5 and 1440 and "resources"."max_minutes" between "resources"."min_minutes" and 1440),
	CONSTRAINT "resources_grid_check" CHECK ("resources"."grid_minutes" between 5 and 240),
	CONSTRAINT "resources_lead_check" CHECK ("resources"."min_lead_minutes" >= 0 and "resources"."max_lead_days" between 1 and 366),
	CONSTRAINT "resources_limits_check" CHECK (coalesce("resources"."max_per_day", 1) >= 1 and coalesce("resources"."max_per_week", 1) >= 1 and coalesce("resources"."max_minutes_per_day", 5) >= 5),
	CONSTRAINT "resources_buffer_check" CHECK ("resources"."buffer_minutes" between 0 and 240),
	CONSTRAINT "resources_price_check" CHECK (coalesce("resources"."price_cents", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "booking_settings" ADD CONSTRAINT "booking_settings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency_idx" ON "bookings" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_manage_token_idx" ON "bookings" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE INDEX "bookings_resource_idx" ON "bookings" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_place_idx" ON "bookings" USING btree ("place_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_person_idx" ON "bookings" USING btree ("person_key","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_ends_idx" ON "bookings" USING btree ("ends_at") WHERE erased_at is null;--> statement-breakpoint
CREATE INDEX "calendar_feeds_place_idx" ON "calendar_feeds" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "closures_place_idx" ON "closures" USING btree ("place_id","ends_on");--> statement-breakpoint
CREATE INDEX "resources_place_idx" ON "resources" USING btree ("place_id","position");