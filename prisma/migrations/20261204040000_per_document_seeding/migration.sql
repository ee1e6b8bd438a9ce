-- Seeding per document: quote keys are unique within their document, and every row a document's
-- seed writes is recorded, so that seeding it again removes only its own rows.
DROP INDEX "SourceQuote_key_key";
CREATE UNIQUE INDEX "SourceQuote_documentId_key_key" ON "SourceQuote"("documentId", "key");
DROP INDEX "SourceQuote_documentId_idx";

CREATE TABLE "SeededRow" (
    "documentId" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "row" TEXT NOT NULL,

    CONSTRAINT "SeededRow_pkey" PRIMARY KEY ("documentId","model","row")
);
CREATE INDEX "SeededRow_model_row_idx" ON "SeededRow"("model", "row");
ALTER TABLE "SeededRow" ADD CONSTRAINT "SeededRow_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The article's document is named by its folder, data/articles/xiangyang-2012/.
UPDATE "SourceDocument" SET "key" = 'xiangyang-2012' WHERE "key" = 'article';
