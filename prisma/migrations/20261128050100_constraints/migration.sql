-- Constraints the Prisma schema cannot express
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_nonempty" CHECK (btrim("key") <> '' AND btrim("titleZhHant") <> '' AND btrim("titleZhHans") <> '' AND "text" <> '' AND "rawText" <> ''),
  ADD CONSTRAINT "SourceDocument_commentCount_check" CHECK ("commentCount" IS NULL OR "commentCount" >= 0);
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_span_check" CHECK ("start" >= 0 AND "start" < "end" AND "text" <> ''),
  ADD CONSTRAINT "SourceQuote_one_entity_check" CHECK (num_nonnulls("agreementId", "partyId", "officialId", "participationId", "commitmentId", "industryId", "relatedReportId") = 1);
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_nonempty" CHECK (btrim("key") <> '' AND btrim("titleZhHant") <> '' AND btrim("titleZhHans") <> ''),
  ADD CONSTRAINT "Agreement_year_check" CHECK ("year" BETWEEN 1900 AND 2200);
ALTER TABLE "CooperationArea" ADD CONSTRAINT "CooperationArea_nonempty" CHECK (btrim("nameZhHant") <> '' AND btrim("nameZhHans") <> '' AND "position" >= 0);
ALTER TABLE "Party" ADD CONSTRAINT "Party_nonempty" CHECK (btrim("key") <> '' AND btrim("nameZhHant") <> '' AND btrim("nameZhHans") <> '');
ALTER TABLE "Official" ADD CONSTRAINT "Official_nonempty" CHECK (btrim("key") <> '' AND btrim("nameZhHant") <> '' AND btrim("nameZhHans") <> '');
ALTER TABLE "Position" ADD CONSTRAINT "Position_nonempty" CHECK (btrim("titleZhHant") <> '' AND btrim("titleZhHans") <> '' AND "rank" >= 0);
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_roles_check" CHECK (cardinality("roles") > 0);
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_nonempty" CHECK (btrim("key") <> '' AND btrim("textZhHant") <> '' AND btrim("textZhHans") <> '' AND "position" >= 0);
ALTER TABLE "Target" ADD CONSTRAINT "Target_quantity_check" CHECK ("quantity" > 0 AND btrim("unitZhHant") <> '' AND btrim("descriptionZhHant") <> '');
ALTER TABLE "Industry" ADD CONSTRAINT "Industry_nonempty" CHECK (btrim("key") <> '' AND btrim("nameZhHant") <> '' AND btrim("nameZhHans") <> ''),
  ADD CONSTRAINT "Industry_not_own_parent" CHECK ("parentId" IS DISTINCT FROM "id");
ALTER TABLE "RelatedReport" ADD CONSTRAINT "RelatedReport_nonempty" CHECK (btrim("key") <> '' AND btrim("titleZhHant") <> '' AND btrim("titleZhHans") <> ''),
  ADD CONSTRAINT "RelatedReport_marketSize_check" CHECK (
    ("marketSizeAmount" IS NULL AND "marketSizeCurrency" IS NULL AND "marketSizeText" IS NULL)
    OR ("marketSizeAmount" > 0 AND "marketSizeCurrency" ~ '^[A-Z]{3}$' AND btrim("marketSizeText") <> ''));
ALTER TABLE "SearchTerm" ADD CONSTRAINT "SearchTerm_nonempty" CHECK ("term" <> '');

-- A quote must be the exact span of its document's cleaned text. PostgreSQL counts code points and
-- the API counts UTF-16 units, and the two agree because the seed refuses text outside the BMP.
CREATE FUNCTION "SourceQuote_check_span"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE doc text;
BEGIN
  SELECT "text" INTO doc FROM "SourceDocument" WHERE "id" = NEW."documentId";
  IF NEW."end" > char_length(doc) OR substr(doc, NEW."start" + 1, NEW."end" - NEW."start") <> NEW."text" THEN
    RAISE EXCEPTION 'quote [%, %) "%" is not a span of document %', NEW."start", NEW."end", NEW."text", NEW."documentId"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "SourceQuote_span" BEFORE INSERT OR UPDATE ON "SourceQuote"
  FOR EACH ROW EXECUTE FUNCTION "SourceQuote_check_span"();
