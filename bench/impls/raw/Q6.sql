SELECT json_build_object('data', json_build_object('agreements', json_build_object('edges', coalesce(
  json_agg(json_build_object('node', json_build_object(
    'title', json_build_object('zhHant', a."titleZhHant"),
    'head', json_build_object('edges', head.list),
    'tail', json_build_object('edges', tail.list)
  )) ORDER BY a.id), '[]'))))::text
FROM (SELECT id, "titleZhHant" FROM "Agreement" ORDER BY id LIMIT 20) a
CROSS JOIN LATERAL (
  SELECT coalesce(json_agg(json_build_object('node', json_build_object(
    'text', json_build_object('zhHant', c."textZhHant"))) ORDER BY c.position, c.id), '[]') AS list
  FROM (SELECT id, position, "textZhHant" FROM "Commitment"
        WHERE "agreementId" = a.id ORDER BY position, id LIMIT 3) c
) head
CROSS JOIN LATERAL (
  SELECT coalesce(json_agg(json_build_object('node', json_build_object(
    'text', json_build_object('zhHant', c."textZhHant"))) ORDER BY c.position, c.id), '[]') AS list
  FROM (SELECT id, position, "textZhHant" FROM "Commitment"
        WHERE "agreementId" = a.id ORDER BY position DESC, id DESC LIMIT 3) c
) tail
