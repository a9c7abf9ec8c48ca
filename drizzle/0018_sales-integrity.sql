-- Receipts and the credit ledger are append-only, like the audit log: UPDATE, DELETE and TRUNCATE
-- are refused (a correction is a new sale that cancels the old). A restore alone disables these
-- triggers, inside its transaction (app/features/backup).
CREATE OR REPLACE FUNCTION sales_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER sales_append_only BEFORE UPDATE OR DELETE ON sales FOR EACH ROW EXECUTE FUNCTION sales_refuse_change();--> statement-breakpoint
CREATE TRIGGER sales_no_truncate BEFORE TRUNCATE ON sales FOR EACH STATEMENT EXECUTE FUNCTION sales_refuse_change();--> statement-breakpoint
CREATE TRIGGER sale_lines_append_only BEFORE UPDATE OR DELETE ON sale_lines FOR EACH ROW EXECUTE FUNCTION sales_refuse_change();--> statement-breakpoint
CREATE TRIGGER sale_lines_no_truncate BEFORE TRUNCATE ON sale_lines FOR EACH STATEMENT EXECUTE FUNCTION sales_refuse_change();--> statement-breakpoint
CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON credit_ledger FOR EACH ROW EXECUTE FUNCTION sales_refuse_change();--> statement-breakpoint
CREATE TRIGGER credit_ledger_no_truncate BEFORE TRUNCATE ON credit_ledger FOR EACH STATEMENT EXECUTE FUNCTION sales_refuse_change();--> statement-breakpoint
-- A closed cash day is locked: it cannot change or go, and no sale is written into it.
CREATE OR REPLACE FUNCTION cash_days_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'cash_days: a day of the cash journal is never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.closed_at IS NOT NULL THEN
    RAISE EXCEPTION 'cash_days: the day % is closed', OLD.business_date USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER cash_days_locked BEFORE UPDATE OR DELETE ON cash_days FOR EACH ROW EXECUTE FUNCTION cash_days_refuse_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_refuse_closed_day() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM cash_days WHERE id = NEW.cash_day_id AND (closed_at IS NOT NULL OR place_id <> NEW.place_id)) THEN
    RAISE EXCEPTION 'sales: the cash day is closed or of another place' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sales_open_day BEFORE INSERT ON sales FOR EACH ROW EXECUTE FUNCTION sales_refuse_closed_day();
