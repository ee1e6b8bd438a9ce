-- The change feed. Each revision records the transaction that wrote it: a reader takes as final only the
-- revisions of transactions older than every one still running (pg_snapshot_xmin), so a revision whose
-- transaction commits late is never passed over. Every insert is announced on the channel revision_added,
-- which PostgreSQL delivers when the transaction commits and never for one rolled back.
ALTER TABLE "Revision" ADD COLUMN "xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX "Revision_xid_id_idx" ON "Revision"("xid", "id");

CREATE FUNCTION "Revision_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One notification per transaction: PostgreSQL folds identical payloads of one transaction into one.
  PERFORM pg_notify('revision_added', NEW."xid"::text);
  RETURN NULL;
END $$;
CREATE TRIGGER "Revision_announce" AFTER INSERT ON "Revision"
  FOR EACH ROW EXECUTE FUNCTION "Revision_announce"();
