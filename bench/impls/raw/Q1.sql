SELECT json_build_object('data', json_build_object('parties', json_build_object('edges', coalesce(
  json_agg(json_build_object('node', json_build_object(
    'name', json_build_object('zhHant', p."nameZhHant", 'zhHans', p."nameZhHans", 'en', p."nameEn")
  )) ORDER BY p.id), '[]'))))::text
FROM (SELECT id, "nameZhHant", "nameZhHans", "nameEn" FROM "Party" ORDER BY id LIMIT 50) p
