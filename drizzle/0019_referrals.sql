CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"siret" text,
	"email" text,
	"webhook_url" text,
	"webhook_secret" text,
	"webhook_personal_data" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_kind_check" CHECK (kind in ('france-travail', 'ccas', 'mission-locale', 'departement', 'association', 'autre')),
	CONSTRAINT "partners_siret_check" CHECK ("partners"."siret" is null or "partners"."siret" ~ '^[0-9]{14}$'),
	CONSTRAINT "partners_webhook_check" CHECK (("partners"."webhook_url" is null) = ("partners"."webhook_secret" is null))
);
--> statement-breakpoint
CREATE TABLE "partner_api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partner_api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"referral_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"actor_user_id" uuid,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"noticed_at" timestamp with time zone,
	"webhook_delivered_at" timestamp with time zone,
	"webhook_attempts" integer DEFAULT 0 NOT NULL,
	"webhook_last_error" text,
	CONSTRAINT "referral_events_kind_check" CHECK (kind in ('status', 'contact-attempt', 'reminder', 'message')),
	CONSTRAINT "referral_events_status_check" CHECK (status in ('sent', 'accepted', 'refused', 'booked', 'came', 'no_show', 'excused', 'helped', 'closed', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "referral_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"expiry_days" smallint DEFAULT 30 NOT NULL,
	"reminder_days" smallint DEFAULT 10 NOT NULL,
	"retention_months" smallint DEFAULT 6 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_settings_check" CHECK ("referral_settings"."expiry_days" between 2 and 365 and "referral_settings"."reminder_days" between 1 and "referral_settings"."expiry_days" - 1 and "referral_settings"."retention_months" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"adviser_id" uuid,
	"place_id" uuid NOT NULL,
	"first_name" text,
	"last_name" text,
	"phone" text,
	"email" text,
	"contact_preference" text,
	"note" text,
	"consent_wording" text,
	"consented_at" timestamp with time zone,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"idempotency_key" text,
	"partner_reference" text,
	"status" text DEFAULT 'sent' NOT NULL,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"booking_id" uuid,
	"registration_id" uuid,
	"help_record_id" uuid,
	"refusal_reason" text,
	"first_answered_at" timestamp with time zone,
	"reminders_sent" smallint DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "referrals_status_check" CHECK (status in ('sent', 'accepted', 'refused', 'booked', 'came', 'no_show', 'excused', 'helped', 'closed', 'expired')),
	CONSTRAINT "referrals_contact_preference_check" CHECK ("referrals"."contact_preference" is null or "referrals"."contact_preference" in ('phone', 'sms', 'email')),
	CONSTRAINT "referrals_refusal_check" CHECK ("referrals"."status" <> 'refused' or "referrals"."refusal_reason" is not null or "referrals"."erased_at" is not null),
	CONSTRAINT "referrals_identity_check" CHECK (("referrals"."erased_at" is null and "referrals"."first_name" is not null and "referrals"."last_name" is not null and ("referrals"."phone" is not null or "referrals"."email" is not null)
            and "referrals"."consent_wording" is not null and "referrals"."consented_at" is not null and "referrals"."contact_preference" is not null
            and ("referrals"."contact_preference" <> 'email' or "referrals"."email" is not null) and ("referrals"."contact_preference" = 'email' or "referrals"."phone" is not null))
        or ("referrals"."erased_at" is not null and "referrals"."first_name" is null and "referrals"."last_name" is null and "referrals"."phone" is null and "referrals"."email" is null and "referrals"."note" is null))
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_scope_matches_role";--> statement-breakpoint
DROP INDEX "memberships_unique_idx";--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_tokens" ADD CONSTRAINT "partner_api_tokens_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_tokens" ADD CONSTRAINT "partner_api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_adviser_id_users_id_fk" FOREIGN KEY ("adviser_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_registration_id_workshop_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."workshop_registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_help_record_id_help_records_id_fk" FOREIGN KEY ("help_record_id") REFERENCES "public"."help_records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partners_network_name_idx" ON "partners" USING btree ("network_id",lower("name"));--> statement-breakpoint
CREATE INDEX "partner_api_tokens_partner_idx" ON "partner_api_tokens" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","seq");--> statement-breakpoint
CREATE INDEX "referrals_partner_idx" ON "referrals" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_place_idx" ON "referrals" USING btree ("place_id","status");--> statement-breakpoint
CREATE INDEX "referrals_open_idx" ON "referrals" USING btree ("status","created_at") WHERE status = 'sent';--> statement-breakpoint
CREATE INDEX "referrals_closed_idx" ON "referrals" USING btree ("closed_at") WHERE erased_at is null and closed_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_booking_idx" ON "referrals" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_registration_idx" ON "referrals" USING btree ("registration_id");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_partner_idx" ON "invitations" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "memberships_partner_idx" ON "memberships" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_unique_idx" ON "memberships" USING btree ("user_id","role",coalesce("network_id", "place_id", "organisation_id", "partner_id"));--> statement-breakpoint
-- A partner adviser now belongs to a partner organisation (partners), not to a place's legal body: no screen ever made such a membership.
DELETE FROM "memberships" WHERE "role" = 'partner' AND "partner_id" IS NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_scope_matches_role" CHECK (("memberships"."role" = 'coordinator' and "memberships"."network_id" is not null and "memberships"."place_id" is null and "memberships"."organisation_id" is null and "memberships"."partner_id" is null)
        or ("memberships"."role" in ('manager', 'mediator') and "memberships"."place_id" is not null and "memberships"."network_id" is null and "memberships"."organisation_id" is null and "memberships"."partner_id" is null)
        or ("memberships"."role" = 'partner' and "memberships"."partner_id" is not null and "memberships"."network_id" is null and "memberships"."place_id" is null and "memberships"."organisation_id" is null));