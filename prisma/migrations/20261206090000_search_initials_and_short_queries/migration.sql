-- Search by pinyin initials, and an index path for queries of one or two characters (which a trigram index
-- cannot serve) and of three Chinese characters. Both are filled by seeding: a database seeded before this
-- migration is seeded again on start.
ALTER TABLE "SearchTerm" ADD COLUMN "initials" TEXT;
ALTER TABLE "SearchTerm" ADD CONSTRAINT "SearchTerm_initials_nonempty" CHECK ("initials" <> '');

CREATE TABLE "SearchGram" (
    "gram" TEXT NOT NULL,
    "entityType" "SearchEntityType" NOT NULL,
    "entityId" INTEGER NOT NULL,

    CONSTRAINT "SearchGram_pkey" PRIMARY KEY ("gram","entityType","entityId"),
    CONSTRAINT "SearchGram_length" CHECK (char_length("gram") BETWEEN 1 AND 3)
);

CREATE INDEX "SearchTerm_isName_term_entityType_entityId_idx" ON "SearchTerm"("isName", "term" text_pattern_ops, "entityType", "entityId");
CREATE INDEX "SearchTerm_initials_entityType_entityId_idx" ON "SearchTerm"("initials" text_pattern_ops, "entityType", "entityId");
