CREATE TABLE "cash_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"opening_float_cents" integer NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"counted_cash_cents" integer,
	"expected_cash_cents" integer,
	"difference_reason" text,
	CONSTRAINT "cash_days_float_check" CHECK ("cash_days"."opening_float_cents" between 0 and 10000000),
	CONSTRAINT "cash_days_close_check" CHECK (("cash_days"."closed_at" is null and "cash_days"."counted_cash_cents" is null and "cash_days"."expected_cash_cents" is null)
        or ("cash_days"."closed_at" is not null and "cash_days"."counted_cash_cents" >= 0 and "cash_days"."expected_cash_cents" is not null
            and ("cash_days"."counted_cash_cents" = "cash_days"."expected_cash_cents" or length(trim(coalesce("cash_days"."difference_reason", ''))) > 0))),
	CONSTRAINT "cash_days_reason_check" CHECK (length("cash_days"."difference_reason") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "credit_balances" (
	"beneficiary_id" uuid PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"balance_cents" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_balances_non_negative" CHECK ("credit_balances"."balance_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"place_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"sale_id" uuid,
	"kind" text NOT NULL,
	"delta_cents" integer NOT NULL,
	"balance_after_cents" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_ledger_kind_check" CHECK (kind in ('topup', 'spend', 'refund', 'transfer')),
	CONSTRAINT "credit_ledger_amount_check" CHECK ("credit_ledger"."delta_cents" <> 0 and "credit_ledger"."balance_after_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "place_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"item_id" uuid,
	"category_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"sale_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "place_memberships_dates_check" CHECK ("place_memberships"."ends_on" >= "place_memberships"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "price_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_categories_name_check" CHECK (length("price_categories"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "receipt_counters" (
	"place_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "receipt_counters_place_id_year_pk" PRIMARY KEY("place_id","year"),
	CONSTRAINT "receipt_counters_number_check" CHECK ("receipt_counters"."last_number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "sale_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"item_id" uuid,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer NOT NULL,
	"free_quantity" integer DEFAULT 0 NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "sale_lines_kind_check" CHECK (kind in ('print', 'copy', 'scan', 'print3d', 'station', 'workshop', 'membership', 'other', 'topup')),
	CONSTRAINT "sale_lines_unit_check" CHECK (unit in ('page', 'gram', 'hour', 'item', 'period')),
	CONSTRAINT "sale_lines_item_check" CHECK (("sale_lines"."kind" = 'topup') = ("sale_lines"."item_id" is null)),
	CONSTRAINT "sale_lines_quantity_check" CHECK ("sale_lines"."quantity" <> 0 and abs("sale_lines"."quantity") <= 100000 and abs("sale_lines"."free_quantity") <= abs("sale_lines"."quantity") and sign("sale_lines"."free_quantity") * sign("sale_lines"."quantity") >= 0),
	CONSTRAINT "sale_lines_amount_check" CHECK ("sale_lines"."unit_price_cents" >= 0 and "sale_lines"."amount_cents" = ("sale_lines"."quantity" - "sale_lines"."free_quantity") * "sale_lines"."unit_price_cents"),
	CONSTRAINT "sale_lines_label_check" CHECK (length("sale_lines"."label") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"cash_day_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"number" integer NOT NULL,
	"sold_at" timestamp with time zone DEFAULT now() NOT NULL,
	"beneficiary_id" uuid,
	"category_id" uuid,
	"payment_method" text NOT NULL,
	"total_cents" integer NOT NULL,
	"cancels_sale_id" uuid,
	"booking_id" uuid,
	"registration_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	CONSTRAINT "sales_number_check" CHECK ("sales"."number" >= 1 and "sales"."year" between 2000 and 2200),
	CONSTRAINT "sales_method_check" CHECK (payment_method in ('cash', 'cheque', 'card', 'credit', 'free')),
	CONSTRAINT "sales_total_check" CHECK (("sales"."cancels_sale_id" is null and "sales"."total_cents" >= 0) or ("sales"."cancels_sale_id" is not null and "sales"."total_cents" <= 0)),
	CONSTRAINT "sales_free_check" CHECK ("sales"."payment_method" <> 'credit' or "sales"."beneficiary_id" is not null),
	CONSTRAINT "sales_note_check" CHECK (length("sales"."note") <= 500 and ("sales"."cancels_sale_id" is null or length(trim("sales"."note")) > 0))
);
--> statement-breakpoint
CREATE TABLE "sales_settings" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"cash_office_name" text DEFAULT '' NOT NULL,
	"receipt_footer" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_settings_text_check" CHECK (length("sales_settings"."cash_office_name") <= 200 and length("sales_settings"."receipt_footer") <= 500)
);
--> statement-breakpoint
CREATE TABLE "tariff_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT 'item' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"membership_months" smallint,
	"allowance_quantity" integer,
	"allowance_period" text,
	"allowance_members_only" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tariff_items_kind_check" CHECK (kind in ('print', 'copy', 'scan', 'print3d', 'station', 'workshop', 'membership', 'other')),
	CONSTRAINT "tariff_items_unit_check" CHECK (unit in ('page', 'gram', 'hour', 'item', 'period')),
	CONSTRAINT "tariff_items_name_check" CHECK (length("tariff_items"."name") between 1 and 120),
	CONSTRAINT "tariff_items_membership_check" CHECK (("tariff_items"."kind" = 'membership') = ("tariff_items"."membership_months" is not null) and coalesce("tariff_items"."membership_months", 1) between 1 and 36),
	CONSTRAINT "tariff_items_allowance_check" CHECK (("tariff_items"."allowance_quantity" is null) = ("tariff_items"."allowance_period" is null) and coalesce("tariff_items"."allowance_quantity", 1) between 1 and 100000
        and ("tariff_items"."allowance_period" is null or allowance_period in ('day', 'week', 'month', 'year')))
);
--> statement-breakpoint
CREATE TABLE "tariff_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"category_id" uuid,
	"unit_price_cents" integer NOT NULL,
	"valid_from" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tariff_prices_when_key" UNIQUE NULLS NOT DISTINCT("item_id","category_id","valid_from"),
	CONSTRAINT "tariff_prices_amount_check" CHECK ("tariff_prices"."unit_price_cents" between 0 and 10000000)
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "requires_membership" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "requires_membership" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cash_days" ADD CONSTRAINT "cash_days_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_days" ADD CONSTRAINT "cash_days_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_days" ADD CONSTRAINT "cash_days_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_balances" ADD CONSTRAINT "credit_balances_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_balances" ADD CONSTRAINT "credit_balances_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_memberships" ADD CONSTRAINT "place_memberships_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_memberships" ADD CONSTRAINT "place_memberships_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_memberships" ADD CONSTRAINT "place_memberships_item_id_tariff_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tariff_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_memberships" ADD CONSTRAINT "place_memberships_category_id_price_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."price_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_memberships" ADD CONSTRAINT "place_memberships_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_memberships" ADD CONSTRAINT "place_memberships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_categories" ADD CONSTRAINT "price_categories_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_counters" ADD CONSTRAINT "receipt_counters_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_item_id_tariff_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tariff_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_cash_day_id_cash_days_id_fk" FOREIGN KEY ("cash_day_id") REFERENCES "public"."cash_days"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_category_id_price_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."price_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_cancels_sale_id_sales_id_fk" FOREIGN KEY ("cancels_sale_id") REFERENCES "public"."sales"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_registration_id_workshop_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."workshop_registrations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_settings" ADD CONSTRAINT "sales_settings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_settings" ADD CONSTRAINT "sales_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_items" ADD CONSTRAINT "tariff_items_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_prices" ADD CONSTRAINT "tariff_prices_item_id_tariff_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tariff_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_prices" ADD CONSTRAINT "tariff_prices_category_id_price_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."price_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_prices" ADD CONSTRAINT "tariff_prices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cash_days_place_date_idx" ON "cash_days" USING btree ("place_id","business_date");--> statement-breakpoint
CREATE INDEX "credit_ledger_person_idx" ON "credit_ledger" USING btree ("beneficiary_id","id");--> statement-breakpoint
CREATE INDEX "place_memberships_person_idx" ON "place_memberships" USING btree ("beneficiary_id","ends_on");--> statement-breakpoint
CREATE INDEX "place_memberships_place_idx" ON "place_memberships" USING btree ("place_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "price_categories_name_idx" ON "price_categories" USING btree ("place_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "sale_lines_position_idx" ON "sale_lines" USING btree ("sale_id","position");--> statement-breakpoint
CREATE INDEX "sale_lines_item_idx" ON "sale_lines" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_number_idx" ON "sales" USING btree ("place_id","year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_cancels_idx" ON "sales" USING btree ("cancels_sale_id");--> statement-breakpoint
CREATE INDEX "sales_day_idx" ON "sales" USING btree ("cash_day_id");--> statement-breakpoint
CREATE INDEX "sales_place_time_idx" ON "sales" USING btree ("place_id","sold_at");--> statement-breakpoint
CREATE INDEX "sales_beneficiary_idx" ON "sales" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "sales_booking_idx" ON "sales" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "sales_registration_idx" ON "sales" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "tariff_items_place_idx" ON "tariff_items" USING btree ("place_id","position");