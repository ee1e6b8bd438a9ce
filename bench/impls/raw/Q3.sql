WITH agreement AS (
  SELECT id, "titleZhHant", "titleEn" FROM "Agreement" ORDER BY id LIMIT 20
), commitment AS (
  SELECT c.* FROM agreement a
  CROSS JOIN LATERAL (
    SELECT id, "agreementId", position, "textZhHant", "textEn" FROM "Commitment"
    WHERE "agreementId" = a.id ORDER BY position, id LIMIT 10
  ) c
), link AS (
  SELECT c.id AS "commitmentId", ci."B" AS "industryId" FROM commitment c
  CROSS JOIN LATERAL (SELECT "B" FROM "_CommitmentToIndustry" WHERE "A" = c.id ORDER BY "B" LIMIT 20) ci
), reports AS (
  SELECT ind."industryId", r.list FROM (SELECT DISTINCT "industryId" FROM link) ind
  CROSS JOIN LATERAL (
    SELECT json_agg(json_build_object('node', json_build_object(
      'title', json_build_object('zhHant', rr."titleZhHant", 'en', rr."titleEn"), 'year', rr.year
    )) ORDER BY ir."reportPosition", ir."reportId") AS list
    FROM (
      SELECT "reportId", "reportPosition" FROM "IndustryReport" WHERE "industryId" = ind."industryId"
      ORDER BY "reportPosition", "reportId" LIMIT 5
    ) ir JOIN "RelatedReport" rr ON rr.id = ir."reportId"
  ) r
), industries AS (
  SELECT l."commitmentId", json_agg(json_build_object('node', json_build_object(
    'name', json_build_object('zhHant', i."nameZhHant", 'en', i."nameEn"),
    'relatedReports', json_build_object('edges', coalesce(reports.list, '[]'))
  )) ORDER BY i.id) AS list
  FROM link l JOIN "Industry" i ON i.id = l."industryId" LEFT JOIN reports ON reports."industryId" = i.id
  GROUP BY l."commitmentId"
), commitments AS (
  SELECT c."agreementId", json_agg(json_build_object('node', json_build_object(
    'text', json_build_object('zhHant', c."textZhHant", 'en', c."textEn"),
    'industries', json_build_object('edges', coalesce(industries.list, '[]'))
  )) ORDER BY c.position, c.id) AS list
  FROM commitment c LEFT JOIN industries ON industries."commitmentId" = c.id
  GROUP BY c."agreementId"
)
SELECT json_build_object('data', json_build_object('agreements', json_build_object('edges', coalesce(
  json_agg(json_build_object('node', json_build_object(
    'title', json_build_object('zhHant', a."titleZhHant", 'en', a."titleEn"),
    'participants', participants.list,
    'commitments', json_build_object('edges', coalesce(commitments.list, '[]'))
  )) ORDER BY a.id), '[]'))))::text
FROM agreement a
LEFT JOIN commitments ON commitments."agreementId" = a.id
CROSS JOIN LATERAL (
  SELECT coalesce(json_agg(json_build_object(
    'roles', pa.roles,
    'official', json_build_object(
      'name', json_build_object('zhHant', o."nameZhHant", 'en', o."nameEn"),
      'positions', positions.list)
  ) ORDER BY pa.id), '[]') AS list
  FROM "Participation" pa
  JOIN "Official" o ON o.id = pa."officialId"
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object(
      'title', json_build_object('zhHant', po."titleZhHant", 'en', po."titleEn"),
      'organization', json_build_object('name', json_build_object('zhHant', org."nameZhHant", 'en', org."nameEn"))
    ) ORDER BY po.rank, po.id), '[]') AS list
    FROM "Position" po JOIN "Party" org ON org.id = po."organizationId"
    WHERE po."officialId" = o.id
  ) positions
  WHERE pa."agreementId" = a.id
) participants
