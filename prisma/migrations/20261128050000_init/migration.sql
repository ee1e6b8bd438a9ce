-- Trigram matching for search
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AgreementPartyRole" AS ENUM ('SIGNATORY');

-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('GOVERNMENT', 'GOVERNMENT_AGENCY', 'PARTY_COMMITTEE', 'DEVELOPMENT_ZONE', 'INDUSTRY_CLUSTER', 'STANDARDS_BODY', 'INSPECTION_CENTER', 'RESEARCH_INSTITUTE', 'MEDIA', 'OTHER');

-- CreateEnum
CREATE TYPE "ParticipationRole" AS ENUM ('SIGNED', 'PRESIDED', 'ATTENDED', 'SPOKE', 'REPORTED');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('PLEDGED', 'IN_PROGRESS', 'FULFILLED', 'LAPSED');

-- CreateEnum
CREATE TYPE "SearchEntityType" AS ENUM ('AGREEMENT', 'PARTY', 'OFFICIAL', 'COMMITMENT', 'INDUSTRY', 'RELATED_REPORT');

-- CreateTable
CREATE TABLE "SourceDocument" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "titleZhHant" TEXT NOT NULL,
    "titleZhHans" TEXT NOT NULL,
    "titleEn" TEXT,
    "rawText" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "publisherId" INTEGER,
    "commentCount" INTEGER,

    CONSTRAINT "SourceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceQuote" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "documentId" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "agreementId" INTEGER,
    "partyId" INTEGER,
    "officialId" INTEGER,
    "participationId" INTEGER,
    "commitmentId" INTEGER,
    "industryId" INTEGER,
    "relatedReportId" INTEGER,

    CONSTRAINT "SourceQuote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "titleZhHant" TEXT NOT NULL,
    "titleZhHans" TEXT NOT NULL,
    "titleEn" TEXT,
    "year" INTEGER NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CooperationArea" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "nameZhHant" TEXT NOT NULL,
    "nameZhHans" TEXT NOT NULL,
    "nameEn" TEXT,

    CONSTRAINT "CooperationArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "agreementId" INTEGER NOT NULL,
    "partyId" INTEGER NOT NULL,
    "role" "AgreementPartyRole" NOT NULL,

    CONSTRAINT "AgreementParty_pkey" PRIMARY KEY ("agreementId","partyId","role")
);

-- CreateTable
CREATE TABLE "Party" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "nameZhHant" TEXT NOT NULL,
    "nameZhHans" TEXT NOT NULL,
    "nameEn" TEXT,
    "namePinyin" TEXT,
    "aliases" TEXT[],
    "kind" "PartyKind" NOT NULL,

    CONSTRAINT "Party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Official" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "nameZhHant" TEXT NOT NULL,
    "nameZhHans" TEXT NOT NULL,
    "nameEn" TEXT,
    "namePinyin" TEXT,

    CONSTRAINT "Official_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" SERIAL NOT NULL,
    "officialId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "titleZhHant" TEXT NOT NULL,
    "titleZhHans" TEXT NOT NULL,
    "titleEn" TEXT,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "officialId" INTEGER NOT NULL,
    "roles" "ParticipationRole"[],
    "capacityZhHant" TEXT,
    "capacityZhHans" TEXT,
    "capacityEn" TEXT,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "textZhHant" TEXT NOT NULL,
    "textZhHans" TEXT NOT NULL,
    "textEn" TEXT,
    "status" "CommitmentStatus" NOT NULL DEFAULT 'PLEDGED',

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "commitmentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "quantity" DECIMAL(20,4) NOT NULL,
    "unitZhHant" TEXT NOT NULL,
    "unitZhHans" TEXT NOT NULL,
    "unitEn" TEXT,
    "descriptionZhHant" TEXT NOT NULL,
    "descriptionZhHans" TEXT NOT NULL,
    "descriptionEn" TEXT,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Industry" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "nameZhHant" TEXT NOT NULL,
    "nameZhHans" TEXT NOT NULL,
    "nameEn" TEXT,
    "parentId" INTEGER,

    CONSTRAINT "Industry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RelatedReport" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "titleZhHant" TEXT NOT NULL,
    "titleZhHans" TEXT NOT NULL,
    "titleEn" TEXT,
    "authorZhHant" TEXT,
    "authorZhHans" TEXT,
    "authorEn" TEXT,
    "authorPinyin" TEXT,
    "authorDamaged" BOOLEAN NOT NULL DEFAULT false,
    "publisherId" INTEGER,
    "year" INTEGER,
    "regionZhHant" TEXT,
    "regionZhHans" TEXT,
    "regionEn" TEXT,
    "marketSizeAmount" DECIMAL(24,2),
    "marketSizeCurrency" CHAR(3),
    "marketSizeText" TEXT,
    "excerpt" TEXT,

    CONSTRAINT "RelatedReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "id" SERIAL NOT NULL,
    "entityType" "SearchEntityType" NOT NULL,
    "entityId" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "isName" BOOLEAN NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_CommitmentCommitter" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_CommitmentCommitter_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_CommitmentBeneficiary" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_CommitmentBeneficiary_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_CommitmentToIndustry" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_CommitmentToIndustry_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_IndustryToRelatedReport" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_IndustryToRelatedReport_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "SourceDocument_key_key" ON "SourceDocument"("key");

-- CreateIndex
CREATE INDEX "SourceDocument_publisherId_idx" ON "SourceDocument"("publisherId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceQuote_key_key" ON "SourceQuote"("key");

-- CreateIndex
CREATE INDEX "SourceQuote_documentId_idx" ON "SourceQuote"("documentId");

-- CreateIndex
CREATE INDEX "SourceQuote_agreementId_idx" ON "SourceQuote"("agreementId");

-- CreateIndex
CREATE INDEX "SourceQuote_partyId_idx" ON "SourceQuote"("partyId");

-- CreateIndex
CREATE INDEX "SourceQuote_officialId_idx" ON "SourceQuote"("officialId");

-- CreateIndex
CREATE INDEX "SourceQuote_participationId_idx" ON "SourceQuote"("participationId");

-- CreateIndex
CREATE INDEX "SourceQuote_commitmentId_idx" ON "SourceQuote"("commitmentId");

-- CreateIndex
CREATE INDEX "SourceQuote_industryId_idx" ON "SourceQuote"("industryId");

-- CreateIndex
CREATE INDEX "SourceQuote_relatedReportId_idx" ON "SourceQuote"("relatedReportId");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_key_key" ON "Agreement"("key");

-- CreateIndex
CREATE UNIQUE INDEX "CooperationArea_agreementId_position_key" ON "CooperationArea"("agreementId", "position");

-- CreateIndex
CREATE INDEX "AgreementParty_partyId_idx" ON "AgreementParty"("partyId");

-- CreateIndex
CREATE UNIQUE INDEX "Party_key_key" ON "Party"("key");

-- CreateIndex
CREATE INDEX "Party_kind_idx" ON "Party"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Official_key_key" ON "Official"("key");

-- CreateIndex
CREATE INDEX "Position_organizationId_idx" ON "Position"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Position_officialId_organizationId_titleZhHant_key" ON "Position"("officialId", "organizationId", "titleZhHant");

-- CreateIndex
CREATE INDEX "Participation_officialId_idx" ON "Participation"("officialId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_agreementId_officialId_key" ON "Participation"("agreementId", "officialId");

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_key_key" ON "Commitment"("key");

-- CreateIndex
CREATE INDEX "Commitment_agreementId_position_idx" ON "Commitment"("agreementId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Target_commitmentId_position_key" ON "Target"("commitmentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Industry_key_key" ON "Industry"("key");

-- CreateIndex
CREATE INDEX "Industry_parentId_idx" ON "Industry"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "RelatedReport_key_key" ON "RelatedReport"("key");

-- CreateIndex
CREATE INDEX "RelatedReport_publisherId_idx" ON "RelatedReport"("publisherId");

-- CreateIndex
CREATE INDEX "SearchTerm_term_idx" ON "SearchTerm" USING GIN ("term" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "SearchTerm_entityType_entityId_term_key" ON "SearchTerm"("entityType", "entityId", "term");

-- CreateIndex
CREATE INDEX "_CommitmentCommitter_B_index" ON "_CommitmentCommitter"("B");

-- CreateIndex
CREATE INDEX "_CommitmentBeneficiary_B_index" ON "_CommitmentBeneficiary"("B");

-- CreateIndex
CREATE INDEX "_CommitmentToIndustry_B_index" ON "_CommitmentToIndustry"("B");

-- CreateIndex
CREATE INDEX "_IndustryToRelatedReport_B_index" ON "_IndustryToRelatedReport"("B");

-- AddForeignKey
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_industryId_fkey" FOREIGN KEY ("industryId") REFERENCES "Industry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceQuote" ADD CONSTRAINT "SourceQuote_relatedReportId_fkey" FOREIGN KEY ("relatedReportId") REFERENCES "RelatedReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CooperationArea" ADD CONSTRAINT "CooperationArea_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Industry" ADD CONSTRAINT "Industry_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Industry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelatedReport" ADD CONSTRAINT "RelatedReport_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CommitmentCommitter" ADD CONSTRAINT "_CommitmentCommitter_A_fkey" FOREIGN KEY ("A") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CommitmentCommitter" ADD CONSTRAINT "_CommitmentCommitter_B_fkey" FOREIGN KEY ("B") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CommitmentBeneficiary" ADD CONSTRAINT "_CommitmentBeneficiary_A_fkey" FOREIGN KEY ("A") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CommitmentBeneficiary" ADD CONSTRAINT "_CommitmentBeneficiary_B_fkey" FOREIGN KEY ("B") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CommitmentToIndustry" ADD CONSTRAINT "_CommitmentToIndustry_A_fkey" FOREIGN KEY ("A") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CommitmentToIndustry" ADD CONSTRAINT "_CommitmentToIndustry_B_fkey" FOREIGN KEY ("B") REFERENCES "Industry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IndustryToRelatedReport" ADD CONSTRAINT "_IndustryToRelatedReport_A_fkey" FOREIGN KEY ("A") REFERENCES "Industry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IndustryToRelatedReport" ADD CONSTRAINT "_IndustryToRelatedReport_B_fkey" FOREIGN KEY ("B") REFERENCES "RelatedReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
