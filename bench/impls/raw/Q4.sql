WITH page AS (
  SELECT id, "nameZhHant", "nameEn" FROM "Party"
  -- Like a Prisma cursor, an id that names no party yields an empty page.
  WHERE id > $1 AND EXISTS (SELECT FROM "Party" WHERE id = $1)
  ORDER BY id LIMIT 26
)
SELECT json_build_object('data', json_build_object('parties', json_build_object(
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > 25 FROM page), 'hasPreviousPage', true),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object(
    'name', json_build_object('zhHant', p."nameZhHant", 'en', p."nameEn"),
    'officials', json_build_object(
      'totalCount', (SELECT count(*) FROM "Position" WHERE "organizationId" = p.id),
      'edges', officials.list)
  )) ORDER BY p.id), '[]'))))::text
FROM (SELECT * FROM page ORDER BY id LIMIT 25) p
CROSS JOIN LATERAL (
  SELECT coalesce(json_agg(json_build_object('node', json_build_object(
    'name', json_build_object('zhHant', o."nameZhHant", 'en', o."nameEn")
  )) ORDER BY po.id), '[]') AS list
  FROM (SELECT id, "officialId" FROM "Position" WHERE "organizationId" = p.id ORDER BY id LIMIT 5) po
  JOIN "Official" o ON o.id = po."officialId"
) officials
