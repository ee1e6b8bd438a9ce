-- Curation through the API: a version on commitments, their status history, the revisions every change writes
-- (append-only: the database refuses to change or erase one), and the API keys that may write.
-- CreateEnum
CREATE TYPE "RevisionAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE', 'REVERT');

-- CreateEnum
CREATE TYPE "Scope" AS ENUM ('CURATE', 'ADMIN');

-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "SourceDocument" ADD COLUMN     "publishedOn" DATE,
ADD COLUMN     "url" TEXT;

-- CreateTable
CREATE TABLE "CommitmentStatusChange" (
    "id" SERIAL NOT NULL,
    "commitmentId" INTEGER NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "asOf" DATE NOT NULL,
    "evidenceId" INTEGER NOT NULL,
    "revisionId" INTEGER NOT NULL,

CONSTRAINT "CommitmentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" "RevisionAction" NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "reason" TEXT,
    "revertsId" INTEGER,

CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" "Scope"[],
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommitmentStatusChange_revisionId_key" ON "CommitmentStatusChange"("revisionId");

-- CreateIndex
CREATE INDEX "CommitmentStatusChange_commitmentId_asOf_id_idx" ON "CommitmentStatusChange"("commitmentId", "asOf", "id");

-- CreateIndex
CREATE INDEX "CommitmentStatusChange_evidenceId_idx" ON "CommitmentStatusChange"("evidenceId");

-- CreateIndex
CREATE INDEX "Revision_entityType_entityId_id_idx" ON "Revision"("entityType", "entityId", "id");

-- CreateIndex
CREATE INDEX "Revision_at_idx" ON "Revision"("at");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_name_key" ON "ApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_tokenHash_key" ON "ApiKey"("tokenHash");

-- AddForeignKey
ALTER TABLE "CommitmentStatusChange" ADD CONSTRAINT "CommitmentStatusChange_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentStatusChange" ADD CONSTRAINT "CommitmentStatusChange_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "SourceQuote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentStatusChange" ADD CONSTRAINT "CommitmentStatusChange_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_revertsId_fkey" FOREIGN KEY ("revertsId") REFERENCES "Revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_version_check" CHECK ("version" >= 1);
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_url_check" CHECK ("url" IS NULL OR "url" ~ '^https?://\S+$');
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_actor_nonempty" CHECK (btrim("actor") <> ''),
  ADD CONSTRAINT "Revision_reverts_check" CHECK (("action" = 'REVERT') = ("revertsId" IS NOT NULL));
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_name_nonempty" CHECK (btrim("name") <> ''),
  ADD CONSTRAINT "ApiKey_scopes_check" CHECK ("scopes" IS NOT NULL AND cardinality("scopes") > 0),
  ADD CONSTRAINT "ApiKey_tokenHash_check" CHECK ("tokenHash" ~ '^[0-9a-f]{64}$');

CREATE FUNCTION "Revision_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'revisions are never changed or erased (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "Revision_append_only" BEFORE UPDATE OR DELETE ON "Revision"
  FOR EACH ROW EXECUTE FUNCTION "Revision_append_only"();
CREATE TRIGGER "Revision_no_truncate" BEFORE TRUNCATE ON "Revision"
  FOR EACH STATEMENT EXECUTE FUNCTION "Revision_append_only"();
