-- CreateTable
CREATE TABLE "IndustryReport" (
    "industryId" INTEGER NOT NULL,
    "reportId" INTEGER NOT NULL,
    "reportPosition" INTEGER NOT NULL,

    CONSTRAINT "IndustryReport_pkey" PRIMARY KEY ("industryId","reportId")
);

-- CreateIndex
CREATE INDEX "IndustryReport_industryId_reportPosition_reportId_idx" ON "IndustryReport"("industryId", "reportPosition", "reportId");

-- CreateIndex
CREATE INDEX "IndustryReport_reportId_idx" ON "IndustryReport"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "RelatedReport_id_position_key" ON "RelatedReport"("id", "position");

-- AddForeignKey
ALTER TABLE "IndustryReport" ADD CONSTRAINT "IndustryReport_industryId_fkey" FOREIGN KEY ("industryId") REFERENCES "Industry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndustryReport" ADD CONSTRAINT "IndustryReport_reportId_reportPosition_fkey" FOREIGN KEY ("reportId", "reportPosition") REFERENCES "RelatedReport"("id", "position") ON DELETE CASCADE ON UPDATE CASCADE;

-- Keep the links of databases seeded before this migration.
INSERT INTO "IndustryReport" ("industryId", "reportId", "reportPosition")
SELECT l."A", l."B", r."position" FROM "_IndustryToRelatedReport" l JOIN "RelatedReport" r ON r."id" = l."B";

-- DropTable
DROP TABLE "_IndustryToRelatedReport";
