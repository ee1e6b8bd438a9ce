-- $1 the term, $2 '%' || escaped term || '%', $3 escaped term || '%', as search.ts findHits.
WITH hit AS (
  SELECT "entityType" AS type, "entityId" AS id,
    max(CASE WHEN term = $1 THEN 4 WHEN term LIKE $3 THEN 2 ELSE 1 END + CASE WHEN "isName" THEN 1 ELSE 0 END) AS score,
    min(length(term)) AS length
  FROM "SearchTerm"
  WHERE term LIKE $2
  GROUP BY "entityType", "entityId"
  ORDER BY score DESC, length, type, id
  -- One more than the page, as the resolver loads, so a hit whose entity is gone is replaced.
  LIMIT 21
), node AS MATERIALIZED (
  SELECT hit.*, CASE hit.type
    WHEN 'AGREEMENT' THEN (
      SELECT json_build_object('__typename', 'Agreement',
        'title', json_build_object('zhHant', "titleZhHant", 'en', "titleEn"), 'year', year)
      FROM "Agreement" WHERE id = hit.id)
    WHEN 'PARTY' THEN (
      SELECT json_build_object('__typename', 'Party',
        'name', json_build_object('zhHant', "nameZhHant", 'en', "nameEn"), 'kind', kind)
      FROM "Party" WHERE id = hit.id)
    WHEN 'OFFICIAL' THEN (
      SELECT json_build_object('__typename', 'Official',
        'name', json_build_object('zhHant', o."nameZhHant", 'en', o."nameEn"),
        'positions', (
          SELECT coalesce(json_agg(json_build_object(
            'title', json_build_object('zhHant', po."titleZhHant"),
            'organization', json_build_object('name', json_build_object('zhHant', org."nameZhHant"))
          ) ORDER BY po.rank, po.id), '[]')
          FROM "Position" po JOIN "Party" org ON org.id = po."organizationId"
          WHERE po."officialId" = o.id))
      FROM "Official" o WHERE o.id = hit.id)
    WHEN 'COMMITMENT' THEN (
      SELECT json_build_object('__typename', 'Commitment',
        'text', json_build_object('zhHant', c."textZhHant"),
        'agreement', json_build_object('title', json_build_object('zhHant', a."titleZhHant")))
      FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId" WHERE c.id = hit.id)
    WHEN 'INDUSTRY' THEN (
      SELECT json_build_object('__typename', 'Industry',
        'name', json_build_object('zhHant', i."nameZhHant", 'en', i."nameEn"),
        'parent', CASE WHEN parent.id IS NOT NULL
          THEN json_build_object('name', json_build_object('zhHant', parent."nameZhHant")) END)
      FROM "Industry" i LEFT JOIN "Industry" parent ON parent.id = i."parentId" WHERE i.id = hit.id)
    WHEN 'RELATED_REPORT' THEN (
      SELECT json_build_object('__typename', 'RelatedReport',
        'title', json_build_object('zhHant', "titleZhHant"), 'reportYear', year)
      FROM "RelatedReport" WHERE id = hit.id)
  END AS node
  FROM hit
)
SELECT json_build_object('data', json_build_object('search', json_build_object('edges', coalesce(
  json_agg(json_build_object('node', node) ORDER BY score DESC, length, type, id), '[]'))))::text
FROM (SELECT * FROM node WHERE node IS NOT NULL ORDER BY score DESC, length, type, id LIMIT 20) found
