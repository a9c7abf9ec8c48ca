CREATE TABLE "beneficiaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"first_name" text,
	"last_name" text,
	"phone" text,
	"email" text,
	"birth_year" smallint,
	"notes" text,
	"age_band" text DEFAULT 'NonCommunique' NOT NULL,
	"gender" text DEFAULT 'NonCommunique' NOT NULL,
	"social_status" text DEFAULT 'NonCommunique' NOT NULL,
	"commune_insee" text,
	"commune_name" text,
	"consent_wording" text,
	"consent_at" timestamp with time zone,
	"consent_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"anonymised_at" timestamp with time zone,
	"anonymised_reason" text,
	"merged_into" uuid,
	CONSTRAINT "beneficiaries_identity_check" CHECK (("beneficiaries"."anonymised_at" is null and "beneficiaries"."first_name" is not null and "beneficiaries"."consent_at" is not null and "beneficiaries"."consent_wording" is not null)
        or ("beneficiaries"."anonymised_at" is not null and "beneficiaries"."first_name" is null and "beneficiaries"."last_name" is null and "beneficiaries"."phone" is null and "beneficiaries"."email" is null and "beneficiaries"."birth_year" is null and "beneficiaries"."notes" is null and "beneficiaries"."anonymised_reason" is not null)),
	CONSTRAINT "beneficiaries_text_check" CHECK (length("beneficiaries"."first_name") between 1 and 80 and length("beneficiaries"."last_name") <= 80 and length("beneficiaries"."email") <= 254 and length("beneficiaries"."phone") <= 20 and length("beneficiaries"."notes") <= 2000 and length("beneficiaries"."consent_wording") <= 4000),
	CONSTRAINT "beneficiaries_birth_year_check" CHECK ("beneficiaries"."birth_year" is null or "beneficiaries"."birth_year" between 1900 and 2100),
	CONSTRAINT "beneficiaries_age_band_check" CHECK (age_band in ('MoinsDeDouze', 'DouzeDixHuit', 'DixHuitVingtQuatre', 'VingtCinqTrenteNeuf', 'QuaranteCinquanteNeuf', 'SoixanteSoixanteNeuf', 'SoixanteDixPlus', 'NonCommunique')),
	CONSTRAINT "beneficiaries_gender_check" CHECK (gender in ('Masculin', 'Feminin', 'NonCommunique')),
	CONSTRAINT "beneficiaries_status_check" CHECK (social_status in ('Scolarise', 'SansEmploi', 'EnEmploi', 'Retraite', 'NonCommunique'))
);
--> statement-breakpoint
CREATE TABLE "help_record_people" (
	"record_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"age_band" text NOT NULL,
	"gender" text NOT NULL,
	"social_status" text NOT NULL,
	"first_time" boolean DEFAULT false NOT NULL,
	CONSTRAINT "help_record_people_record_id_beneficiary_id_pk" PRIMARY KEY("record_id","beneficiary_id")
);
--> statement-breakpoint
CREATE TABLE "help_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"mediator_id" uuid,
	"kind" text NOT NULL,
	"status" text DEFAULT 'done' NOT NULL,
	"date" date NOT NULL,
	"duration_minutes" integer,
	"place_kind" text,
	"commune_insee" text,
	"commune_name" text,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"admin_themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"theme_bits" integer GENERATED ALWAYS AS ((case when 'DiagnosticNumerique' = any(themes) then 1 else 0 end) | (case when 'PrendreEnMainDuMateriel' = any(themes) then 2 else 0 end) | (case when 'MaintenanceDeMateriel' = any(themes) then 4 else 0 end) | (case when 'GereSesContenusNumeriques' = any(themes) then 8 else 0 end) | (case when 'NavigationSurInternet' = any(themes) then 16 else 0 end) | (case when 'Email' = any(themes) then 32 else 0 end) | (case when 'Bureautique' = any(themes) then 64 else 0 end) | (case when 'ReseauxSociaux' = any(themes) then 128 else 0 end) | (case when 'Sante' = any(themes) then 256 else 0 end) | (case when 'BanqueEtAchatsEnLigne' = any(themes) then 512 else 0 end) | (case when 'Entrepreneuriat' = any(themes) then 1024 else 0 end) | (case when 'InsertionProfessionnelle' = any(themes) then 2048 else 0 end) | (case when 'SecuriteNumerique' = any(themes) then 4096 else 0 end) | (case when 'Parentalite' = any(themes) then 8192 else 0 end) | (case when 'ScolariteEtNumerique' = any(themes) then 16384 else 0 end) | (case when 'CreerAvecLeNumerique' = any(themes) then 32768 else 0 end) | (case when 'CultureNumerique' = any(themes) then 65536 else 0 end) | (case when 'IntelligenceArtificielle' = any(themes) then 131072 else 0 end) | (case when 'AideAuxDemarchesAdministratives' = any(themes) then 262144 else 0 end)) STORED NOT NULL,
	"admin_theme_bits" integer GENERATED ALWAYS AS ((case when 'PapiersElectionsCitoyennete' = any(admin_themes) then 1 else 0 end) | (case when 'FamilleScolarite' = any(admin_themes) then 2 else 0 end) | (case when 'SocialSante' = any(admin_themes) then 4 else 0 end) | (case when 'TravailFormation' = any(admin_themes) then 8 else 0 end) | (case when 'Logement' = any(admin_themes) then 16 else 0 end) | (case when 'TransportsMobilite' = any(admin_themes) then 32 else 0 end) | (case when 'ArgentImpots' = any(admin_themes) then 64 else 0 end) | (case when 'Justice' = any(admin_themes) then 128 else 0 end) | (case when 'EtrangersEurope' = any(admin_themes) then 256 else 0 end) | (case when 'LoisirsSportsCulture' = any(admin_themes) then 512 else 0 end) | (case when 'Associations' = any(admin_themes) then 1024 else 0 end)) STORED NOT NULL,
	"equipment_bits" integer GENERATED ALWAYS AS ((case when 'Ordinateur' = any(equipment) then 1 else 0 end) | (case when 'Telephone' = any(equipment) then 2 else 0 end) | (case when 'Tablette' = any(equipment) then 4 else 0 end) | (case when 'Autre' = any(equipment) then 8 else 0 end) | (case when 'Aucun' = any(equipment) then 16 else 0 end)) STORED NOT NULL,
	"autonomy" text,
	"oriented" boolean DEFAULT false NOT NULL,
	"orientation" text,
	"title" text,
	"level" text,
	"notes" text,
	"participants" smallint DEFAULT 1 NOT NULL,
	"named" smallint DEFAULT 0 NOT NULL,
	"first_time" smallint DEFAULT 0 NOT NULL,
	"already_helped" smallint DEFAULT 0 NOT NULL,
	"gender_male" smallint DEFAULT 0 NOT NULL,
	"gender_female" smallint DEFAULT 0 NOT NULL,
	"gender_unknown" smallint DEFAULT 0 NOT NULL,
	"age_under_12" smallint DEFAULT 0 NOT NULL,
	"age_12_17" smallint DEFAULT 0 NOT NULL,
	"age_18_24" smallint DEFAULT 0 NOT NULL,
	"age_25_39" smallint DEFAULT 0 NOT NULL,
	"age_40_59" smallint DEFAULT 0 NOT NULL,
	"age_60_69" smallint DEFAULT 0 NOT NULL,
	"age_70_plus" smallint DEFAULT 0 NOT NULL,
	"age_unknown" smallint DEFAULT 0 NOT NULL,
	"status_school" smallint DEFAULT 0 NOT NULL,
	"status_job_seeking" smallint DEFAULT 0 NOT NULL,
	"status_employed" smallint DEFAULT 0 NOT NULL,
	"status_retired" smallint DEFAULT 0 NOT NULL,
	"status_unknown" smallint DEFAULT 0 NOT NULL,
	"booking_id" uuid,
	"session_id" uuid,
	"coop_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_records_kind_check" CHECK (kind in ('individuel', 'collectif')),
	CONSTRAINT "help_records_status_check" CHECK ("help_records"."status" in ('draft', 'done')),
	CONSTRAINT "help_records_place_kind_check" CHECK (place_kind is null or place_kind in ('LieuActivite', 'Domicile', 'ADistance', 'Autre')),
	CONSTRAINT "help_records_autonomy_check" CHECK (autonomy is null or autonomy in ('EntierementAccompagne', 'PartiellementAutonome', 'Autonome')),
	CONSTRAINT "help_records_orientation_check" CHECK (orientation is null or (oriented and orientation in ('Administration', 'MediationNumerique', 'OperateurOuOrganismeEnCharge', 'AideSociale', 'InsertionProfessionnelle', 'AideAuxDemarchesAdministratives', 'Autre'))),
	CONSTRAINT "help_records_level_check" CHECK (level is null or level in ('Debutant', 'Intermediaire', 'Avance')),
	CONSTRAINT "help_records_duration_check" CHECK ("help_records"."duration_minutes" is null or "help_records"."duration_minutes" between 1 and 1440),
	CONSTRAINT "help_records_text_check" CHECK (length("help_records"."notes") <= 2000 and length("help_records"."title") <= 120),
	CONSTRAINT "help_records_themes_check" CHECK ("help_records"."theme_bits" <> 0 or cardinality("help_records"."themes") = 0),
	CONSTRAINT "help_records_admin_themes_check" CHECK (cardinality("help_records"."admin_themes") = 0 or "help_records"."admin_theme_bits" <> 0 and 'AideAuxDemarchesAdministratives' = any("help_records"."themes")),
	CONSTRAINT "help_records_equipment_check" CHECK ("help_records"."equipment_bits" <> 0 or cardinality("help_records"."equipment") = 0),
	CONSTRAINT "help_records_done_check" CHECK ("help_records"."status" = 'draft' or ("help_records"."duration_minutes" is not null and "help_records"."place_kind" is not null and "help_records"."theme_bits" <> 0
        and ("help_records"."place_kind" in ('LieuActivite', 'ADistance') or "help_records"."commune_insee" is not null)
        and ("help_records"."kind" = 'individuel' or "help_records"."title" is not null))),
	CONSTRAINT "help_records_counts_check" CHECK ("help_records"."participants" between 0 and 1000 and ("help_records"."status" = 'draft' or "help_records"."participants" >= 1) and "help_records"."named" between 0 and "help_records"."participants" and "help_records"."first_time" between 0 and "help_records"."named"
        and "help_records"."already_helped" between 0 and "help_records"."participants" - "help_records"."named"
        and ("help_records"."kind" = 'collectif' or "help_records"."participants" = 1)
        and "help_records"."gender_male" + "help_records"."gender_female" + "help_records"."gender_unknown" = "help_records"."participants"
        and "help_records"."age_under_12" + "help_records"."age_12_17" + "help_records"."age_18_24" + "help_records"."age_25_39" + "help_records"."age_40_59" + "help_records"."age_60_69" + "help_records"."age_70_plus" + "help_records"."age_unknown" = "help_records"."participants"
        and "help_records"."status_school" + "help_records"."status_job_seeking" + "help_records"."status_employed" + "help_records"."status_retired" + "help_records"."status_unknown" = "help_records"."participants"
        and least("help_records"."gender_male", "help_records"."gender_female", "help_records"."gender_unknown", "help_records"."age_under_12", "help_records"."age_12_17", "help_records"."age_18_24", "help_records"."age_25_39", "help_records"."age_40_59",
          "help_records"."age_60_69", "help_records"."age_70_plus", "help_records"."age_unknown", "help_records"."status_school", "help_records"."status_job_seeking", "help_records"."status_employed", "help_records"."status_retired", "help_records"."status_unknown") >= 0)
);
--> statement-breakpoint
CREATE TABLE "mediation_settings" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"retention_months" integer DEFAULT 12 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_settings_retention_check" CHECK ("mediation_settings"."retention_months" between 1 and 36)
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "beneficiary_id" uuid;--> statement-breakpoint
ALTER TABLE "workshop_registrations" ADD COLUMN "beneficiary_id" uuid;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_consent_by_users_id_fk" FOREIGN KEY ("consent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_record_people" ADD CONSTRAINT "help_record_people_record_id_help_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."help_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_record_people" ADD CONSTRAINT "help_record_people_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_records" ADD CONSTRAINT "help_records_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_records" ADD CONSTRAINT "help_records_mediator_id_users_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_records" ADD CONSTRAINT "help_records_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_records" ADD CONSTRAINT "help_records_session_id_workshop_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."workshop_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_records" ADD CONSTRAINT "help_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_settings" ADD CONSTRAINT "mediation_settings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "beneficiaries_place_idx" ON "beneficiaries" USING btree ("place_id","last_name","first_name") WHERE anonymised_at is null;--> statement-breakpoint
CREATE INDEX "beneficiaries_activity_idx" ON "beneficiaries" USING btree ("last_activity_at") WHERE anonymised_at is null;--> statement-breakpoint
CREATE INDEX "help_record_people_beneficiary_idx" ON "help_record_people" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "help_records_place_idx" ON "help_records" USING btree ("place_id","date");--> statement-breakpoint
CREATE INDEX "help_records_mediator_idx" ON "help_records" USING btree ("mediator_id","date");--> statement-breakpoint
CREATE INDEX "help_records_date_idx" ON "help_records" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "help_records_booking_idx" ON "help_records" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "help_records_session_idx" ON "help_records" USING btree ("session_id") WHERE kind = 'collectif';--> statement-breakpoint
CREATE UNIQUE INDEX "help_records_coop_idx" ON "help_records" USING btree ("place_id","coop_id");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_registrations" ADD CONSTRAINT "workshop_registrations_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_beneficiary_idx" ON "bookings" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "workshop_registrations_beneficiary_idx" ON "workshop_registrations" USING btree ("beneficiary_id");