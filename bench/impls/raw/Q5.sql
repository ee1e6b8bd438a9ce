-- $1 the types and $2 the ids of the hits, in rank order, as search.ts pageOfHits finds them (one more than the
-- page, as the resolver loads, so a hit whose entity is gone is replaced).
WITH hit AS (
  SELECT type, id, rank FROM unnest($1::"SearchEntityType"[], $2::int[]) WITH ORDINALITY AS h(type, id, rank)
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
  json_agg(json_build_object('node', node) ORDER BY rank), '[]'))))::text
FROM (SELECT * FROM node WHERE node IS NOT NULL ORDER BY rank LIMIT 20) found
