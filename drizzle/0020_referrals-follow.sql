-- A referral follows its booking or workshop registration by itself, whichever screen, API or job
-- changed it (app/features/referrals, docs/decisions/017-referrals.md).
--
-- referral_move: the one way a referral changes status or gets an event. A status change sets the
-- status and when, and closed_at while the status is an outcome (the retention period counts from
-- it); a contact attempt or a reminder keeps them. It appends the event. The application calls it too.
CREATE OR REPLACE FUNCTION referral_move(p_referral uuid, p_status text, p_kind text, p_actor uuid, p_detail text, p_at timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_kind = 'status' THEN
    UPDATE referrals
       SET status = p_status, status_at = p_at, updated_at = p_at,
           closed_at = CASE WHEN p_status IN ('refused', 'came', 'no_show', 'excused', 'helped', 'closed', 'expired') THEN p_at END
     WHERE id = p_referral;
  ELSE
    UPDATE referrals SET updated_at = p_at WHERE id = p_referral;
  END IF;
  INSERT INTO referral_events (referral_id, kind, status, actor_user_id, detail, at) VALUES (p_referral, p_kind, p_status, p_actor, p_detail, p_at);
END;
$$;--> statement-breakpoint
-- A booking's attendance or cancellation moves its referral: present → came, absent → no_show,
-- excused → excused, attendance cleared → booked, cancelled → accepted (to contact again, the
-- booking unlinked so another can be made).
CREATE OR REPLACE FUNCTION referrals_follow_booking() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  target text;
BEGIN
  FOR r IN SELECT id, status FROM referrals
            WHERE booking_id = NEW.id AND erased_at IS NULL AND status IN ('booked', 'came', 'no_show', 'excused') FOR UPDATE LOOP
    target := CASE
      WHEN NEW.status = 'cancelled' THEN 'accepted'
      WHEN NEW.attendance = 'present' THEN 'came'
      WHEN NEW.attendance = 'absent' THEN 'no_show'
      WHEN NEW.attendance = 'excused' THEN 'excused'
      ELSE 'booked' END;
    IF target <> r.status THEN
      IF target = 'accepted' THEN UPDATE referrals SET booking_id = NULL WHERE id = r.id; END IF;
      PERFORM referral_move(r.id, target, 'status', NULL, NULL, now());
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER referrals_follow_booking AFTER UPDATE OF status, attendance ON bookings FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.attendance IS DISTINCT FROM NEW.attendance)
  EXECUTE FUNCTION referrals_follow_booking();--> statement-breakpoint
-- A workshop seat: present at one of its sessions → came; marked absent only → no_show; no mark → booked.
CREATE OR REPLACE FUNCTION referrals_follow_attendance() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  reg uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.registration_id ELSE NEW.registration_id END;
  r record;
  target text;
BEGIN
  FOR r IN SELECT id, status FROM referrals
            WHERE registration_id = reg AND erased_at IS NULL AND status IN ('booked', 'came', 'no_show', 'excused') FOR UPDATE LOOP
    target := CASE
      WHEN EXISTS (SELECT 1 FROM workshop_attendance WHERE registration_id = reg AND attendance = 'present') THEN 'came'
      WHEN EXISTS (SELECT 1 FROM workshop_attendance WHERE registration_id = reg AND attendance = 'absent') THEN 'no_show'
      ELSE 'booked' END;
    IF target <> r.status THEN PERFORM referral_move(r.id, target, 'status', NULL, NULL, now()); END IF;
  END LOOP;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER referrals_follow_attendance AFTER INSERT OR UPDATE OR DELETE ON workshop_attendance FOR EACH ROW
  EXECUTE FUNCTION referrals_follow_attendance();--> statement-breakpoint
-- A cancelled workshop seat: to contact again, the seat unlinked.
CREATE OR REPLACE FUNCTION referrals_follow_registration() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id FROM referrals
            WHERE registration_id = NEW.id AND erased_at IS NULL AND status IN ('booked', 'no_show') FOR UPDATE LOOP
    UPDATE referrals SET registration_id = NULL WHERE id = r.id;
    PERFORM referral_move(r.id, 'accepted', 'status', NULL, NULL, now());
  END LOOP;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER referrals_follow_registration AFTER UPDATE OF status ON workshop_registrations FOR EACH ROW
  WHEN (NEW.status = 'cancelled' AND OLD.status IS DISTINCT FROM 'cancelled')
  EXECUTE FUNCTION referrals_follow_registration();--> statement-breakpoint
-- A finished help record of the referral's booking (or of a workshop session the person attended)
-- makes it "help given".
CREATE OR REPLACE FUNCTION referrals_follow_help_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF NEW.status <> 'done' THEN RETURN NULL; END IF;
  FOR r IN SELECT id FROM referrals
            WHERE erased_at IS NULL AND status IN ('booked', 'came')
              AND ((NEW.booking_id IS NOT NULL AND booking_id = NEW.booking_id)
                OR (NEW.session_id IS NOT NULL AND registration_id IN
                      (SELECT registration_id FROM workshop_attendance WHERE session_id = NEW.session_id AND attendance = 'present')))
            FOR UPDATE LOOP
    UPDATE referrals SET help_record_id = NEW.id WHERE id = r.id;
    PERFORM referral_move(r.id, 'helped', 'status', NULL, NULL, now());
  END LOOP;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER referrals_follow_help_record AFTER INSERT OR UPDATE OF status, booking_id, session_id ON help_records FOR EACH ROW
  EXECUTE FUNCTION referrals_follow_help_record();--> statement-breakpoint
-- Every event is told (the adviser's mail, the partner's webhook) by a job scheduled in the event's
-- own transaction: an event is never lost, and never told for a change that rolled back.
CREATE OR REPLACE FUNCTION referral_events_notice() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, key, payload) VALUES ('referral.notice', 'referral.notice:' || NEW.id, jsonb_build_object('eventId', NEW.id))
    ON CONFLICT (key) WHERE status IN ('pending', 'running') DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER referral_events_notice AFTER INSERT ON referral_events FOR EACH ROW EXECUTE FUNCTION referral_events_notice();
