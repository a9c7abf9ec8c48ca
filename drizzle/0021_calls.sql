CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"side" text NOT NULL,
	"actor_user_id" uuid,
	"body" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_events_kind_check" CHECK (kind in ('state', 'message')),
	CONSTRAINT "application_events_side_check" CHECK ("application_events"."side" in ('network', 'applicant')),
	CONSTRAINT "application_events_message_check" CHECK ("application_events"."kind" <> 'message' or length(trim("application_events"."body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "application_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_files_size_check" CHECK ("application_files"."size" between 1 and 10485760 and octet_length("application_files"."content") = "application_files"."size")
);
--> statement-breakpoint
CREATE TABLE "application_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"declaration" text,
	"declared_at" timestamp with time zone,
	"conflict_reason" text,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_reviews_declaration_check" CHECK ("application_reviews"."declaration" is null or "application_reviews"."declaration" in ('no-conflict', 'conflict')),
	CONSTRAINT "application_reviews_declared_check" CHECK (("application_reviews"."declaration" is null) = ("application_reviews"."declared_at" is null)),
	CONSTRAINT "application_reviews_scores_check" CHECK (("application_reviews"."declaration" = 'no-conflict') or ("application_reviews"."scores" = '{}'::jsonb and "application_reviews"."submitted_at" is null))
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"place_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"state_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sections_saved" text[] DEFAULT '{}' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"renewal_of" uuid,
	"label_grant_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_state_check" CHECK (state in ('draft', 'submitted', 'under_review', 'corrections', 'accepted', 'refused', 'closed')),
	CONSTRAINT "applications_submitted_check" CHECK ("applications"."state" = 'draft' or "applications"."submitted_at" is not null),
	CONSTRAINT "applications_decided_check" CHECK (("applications"."state" in ('accepted', 'refused', 'closed')) = ("applications"."decided_at" is not null)),
	CONSTRAINT "applications_reason_check" CHECK ("applications"."state" not in ('refused', 'closed') or length(trim("applications"."decision_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "call_reminders" (
	"call_id" uuid NOT NULL,
	"days_before" smallint NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_reminders_call_id_days_before_pk" PRIMARY KEY("call_id","days_before")
);
--> statement-breakpoint
CREATE TABLE "call_versions" (
	"call_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"form" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "call_versions_call_id_version_pk" PRIMARY KEY("call_id","version"),
	CONSTRAINT "call_versions_version_check" CHECK ("call_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"funders" text[] DEFAULT '{}' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"audience" text DEFAULT 'network' NOT NULL,
	"label" text NOT NULL,
	"label_valid_until" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"draft_form" jsonb DEFAULT '{"sections":[]}'::jsonb NOT NULL,
	"grid" jsonb DEFAULT '{"scale":5,"criteria":[]}'::jsonb NOT NULL,
	"reviews_required" smallint DEFAULT 1 NOT NULL,
	"reviews_hidden" boolean DEFAULT true NOT NULL,
	"signatory_name" text DEFAULT '' NOT NULL,
	"signatory_title" text DEFAULT '' NOT NULL,
	"current_version" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_status_check" CHECK (status in ('draft', 'published', 'archived')),
	CONSTRAINT "calls_audience_check" CHECK (audience in ('network', 'any')),
	CONSTRAINT "calls_dates_check" CHECK ("calls"."closes_at" > "calls"."opens_at"),
	CONSTRAINT "calls_reviews_required_check" CHECK ("calls"."reviews_required" between 0 and 10),
	CONSTRAINT "calls_published_version_check" CHECK ("calls"."status" = 'draft' or "calls"."current_version" is not null)
);
--> statement-breakpoint
CREATE TABLE "decision_letters" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_renewal_notices" (
	"label_grant_id" uuid NOT NULL,
	"days_before" smallint NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_renewal_notices_label_grant_id_days_before_pk" PRIMARY KEY("label_grant_id","days_before")
);
--> statement-breakpoint
CREATE TABLE "network_experts" (
	"network_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_experts_network_id_user_id_pk" PRIMARY KEY("network_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_files" ADD CONSTRAINT "application_files_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_files" ADD CONSTRAINT "application_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_reviews" ADD CONSTRAINT "application_reviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_reviews" ADD CONSTRAINT "application_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_reviews" ADD CONSTRAINT "application_reviews_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_label_grant_id_label_grants_id_fk" FOREIGN KEY ("label_grant_id") REFERENCES "public"."label_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_version_fk" FOREIGN KEY ("call_id","version") REFERENCES "public"."call_versions"("call_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_reminders" ADD CONSTRAINT "call_reminders_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_versions" ADD CONSTRAINT "call_versions_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_versions" ADD CONSTRAINT "call_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewal_notices" ADD CONSTRAINT "label_renewal_notices_label_grant_id_label_grants_id_fk" FOREIGN KEY ("label_grant_id") REFERENCES "public"."label_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_experts" ADD CONSTRAINT "network_experts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_experts" ADD CONSTRAINT "network_experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_experts" ADD CONSTRAINT "network_experts_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "application_files_application_idx" ON "application_files" USING btree ("application_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "application_reviews_reviewer_idx" ON "application_reviews" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "application_reviews_reviewer_user_idx" ON "application_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_call_place_idx" ON "applications" USING btree ("call_id","place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_call_number_idx" ON "applications" USING btree ("call_id","number");--> statement-breakpoint
CREATE INDEX "applications_place_idx" ON "applications" USING btree ("place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_network_slug_idx" ON "calls" USING btree ("network_id","slug");--> statement-breakpoint
CREATE INDEX "network_experts_user_idx" ON "network_experts" USING btree ("user_id");