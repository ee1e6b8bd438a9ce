SELECT json_build_object('data', json_build_object('node', (
  SELECT json_build_object(
    'text', json_build_object('zhHant', c."textZhHant", 'en', c."textEn"),
    'agreement', json_build_object(
      'title', json_build_object('zhHant', a."titleZhHant", 'en', a."titleEn"),
      'parties', (
        SELECT coalesce(json_agg(json_build_object(
          'role', ap.role,
          'party', json_build_object('name', json_build_object('zhHant', p."nameZhHant", 'en', p."nameEn"))
        ) ORDER BY ap."partyId"), '[]')
        FROM "AgreementParty" ap JOIN "Party" p ON p.id = ap."partyId"
        WHERE ap."agreementId" = a.id)))
  FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId"
  WHERE c.id = $1)))::text
