-- No double booking, settled by the database: two active bookings of one resource never overlap.
-- (btree_gist, loaded in 0000, gives GiST the = on uuid.) drizzle-kit cannot write this.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist ("resource_id" WITH =, "during" WITH &&) WHERE ("status" <> 'cancelled');
