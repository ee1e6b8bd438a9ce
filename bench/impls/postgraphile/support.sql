-- What PostGraphile needs beyond the Prisma tables; idempotent.

-- A search hit names its entity by one of six nullable ids (like "SourceQuote" does), so that smart-tag
-- foreign keys let PostGraphile join each hit to its entity inside the same statement.
do $$
begin
  if to_regtype('public.bench_search_hit') is null then
    create type public.bench_search_hit as (
      "rank" bigint,
      "entityType" "SearchEntityType",
      "agreementId" integer,
      "partyId" integer,
      "officialId" integer,
      "commitmentId" integer,
      "industryId" integer,
      "relatedReportId" integer
    );
  end if;
end
$$;
comment on type public.bench_search_hit is E'@foreignKey ("agreementId") references "Agreement" (id)\n'
  '@foreignKey ("partyId") references "Party" (id)\n'
  '@foreignKey ("officialId") references "Official" (id)\n'
  '@foreignKey ("commitmentId") references "Commitment" (id)\n'
  '@foreignKey ("industryId") references "Industry" (id)\n'
  '@foreignKey ("relatedReportId") references "RelatedReport" (id)';

-- The same hits as our search (src/data/search.ts): the same four tiers, each read in the order of its own index,
-- a statement per tier until the page is full (offset 0 keeps each "not exists" a probe per row, as in ours);
-- "rank" numbers the hits in that order. `query` is already normalised. The page is an argument so that each
-- tier's LIMIT sits in its statement, as in ours. "rows 20" tells the planner a page comes back: guessing
-- plpgsql's default of 1 000, it joined the hits to whole tables.
drop function if exists public.bench_search(text);
create or replace function public.bench_search(query text, page_size integer default null, page_offset integer default 0)
returns setof public.bench_search_hit
language plpgsql stable parallel safe rows 20 as $$
declare
  past text := left(query, -1) || chr(ascii(right(query, 1)) + 1);
  contains text := '%' || replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  wanted integer := coalesce(page_size, 2147483647);
  skip integer := coalesce(page_offset, 0);
  types "SearchEntityType"[] := '{}';
  ids integer[] := '{}';
  found_types "SearchEntityType"[];
  found_ids integer[];
begin
  for tier in 1..4 loop
    exit when cardinality(ids) >= wanted;
    if tier = 1 then
      select coalesce(array_agg(h."entityType"), '{}'), coalesce(array_agg(h."entityId"), '{}') into found_types, found_ids
      from (select t."entityType", t."entityId" from "SearchTerm" t
        where t."isName" and t."term" ~>=~ query and t."term" ~<~ past
          and not exists (select 1 from "SearchTerm" o where o."entityType" = t."entityType" and o."entityId" = t."entityId"
                          and o."isName" and o."term" ~>=~ query and o."term" ~<~ t."term" offset 0)
        order by t."term" using ~<~, t."entityType", t."entityId"
        limit skip + wanted - cardinality(ids)) h;
    elsif tier = 2 then
      select coalesce(array_agg(h."entityType"), '{}'), coalesce(array_agg(h."entityId"), '{}') into found_types, found_ids
      from (select t."entityType", t."entityId" from "SearchTerm" t
        where t."initials" ~>=~ query and t."initials" ~<~ past
          and not exists (select 1 from "SearchTerm" o where o."entityType" = t."entityType" and o."entityId" = t."entityId"
                          and ((o."isName" and o."term" ~>=~ query and o."term" ~<~ past)
                               or (o."initials" ~>=~ query and (o."initials" ~<~ t."initials"
                                   or (o."initials" = t."initials" and o."id" < t."id")))) offset 0)
        order by t."initials" using ~<~, t."entityType", t."entityId"
        limit skip + wanted - cardinality(ids)) h;
    elsif tier = 3 then
      select coalesce(array_agg(h."entityType"), '{}'), coalesce(array_agg(h."entityId"), '{}') into found_types, found_ids
      from (select t."entityType", t."entityId" from "SearchTerm" t
        where not t."isName" and t."term" ~>=~ query and t."term" ~<~ past
          and not exists (select 1 from "SearchTerm" o where o."entityType" = t."entityType" and o."entityId" = t."entityId"
                          and ((o."isName" and o."term" ~>=~ query and o."term" ~<~ past)
                               or (o."initials" ~>=~ query and o."initials" ~<~ past)
                               or (not o."isName" and o."term" ~>=~ query and o."term" ~<~ t."term")) offset 0)
        order by t."term" using ~<~, t."entityType", t."entityId"
        limit skip + wanted - cardinality(ids)) h;
    -- As isGramQuery: one or two characters, or three Chinese ones (\p{Script=Han} after NFKD, as ranges).
    elsif char_length(query) < 3 or query ~ '^[⺀-⻳々〇〡-〩〻㐀-䶿一-鿿]{3}$' then
      select coalesce(array_agg(h."entityType"), '{}'), coalesce(array_agg(h."entityId"), '{}') into found_types, found_ids
      from (select g."entityType", g."entityId" from "SearchGram" g
        where g."gram" = query
          and not exists (select 1 from "SearchTerm" o where o."entityType" = g."entityType" and o."entityId" = g."entityId"
                          and ((o."term" ~>=~ query and o."term" ~<~ past) or (o."initials" ~>=~ query and o."initials" ~<~ past)) offset 0)
        order by g."entityType", g."entityId"
        limit skip + wanted - cardinality(ids)) h;
    else
      select coalesce(array_agg(h."entityType"), '{}'), coalesce(array_agg(h."entityId"), '{}') into found_types, found_ids
      from (select t."entityType", t."entityId" from "SearchTerm" t
        where t."term" like contains
          and not exists (select 1 from "SearchTerm" o where o."entityType" = t."entityType" and o."entityId" = t."entityId"
                          and ((o."term" ~>=~ query and o."term" ~<~ past) or (o."initials" ~>=~ query and o."initials" ~<~ past)) offset 0)
        group by t."entityType", t."entityId"
        order by t."entityType", t."entityId"
        limit skip + wanted - cardinality(ids)) h;
    end if;
    types := types || found_types[skip + 1:];
    ids := ids || found_ids[skip + 1:];
    skip := greatest(0, skip - cardinality(found_ids));
  end loop;
  return query
    select coalesce(page_offset, 0) + i::bigint, types[i],
           case when types[i] = 'AGREEMENT' then ids[i] end,
           case when types[i] = 'PARTY' then ids[i] end,
           case when types[i] = 'OFFICIAL' then ids[i] end,
           case when types[i] = 'COMMITMENT' then ids[i] end,
           case when types[i] = 'INDUSTRY' then ids[i] end,
           case when types[i] = 'RELATED_REPORT' then ids[i] end
    from generate_subscripts(ids, 1) as i;
end
$$;
comment on function public.bench_search(text, integer, integer) is E'@name search\n@behavior +order';

-- Industry.relatedReports: the many-to-many through "IndustryReport". Joining on the copied position
-- too lets an ORDER BY position, id be read from the link table's (industryId, reportPosition, reportId) index.
create or replace function public.bench_industry_related_reports(industry "Industry") returns setof "RelatedReport"
language sql stable parallel safe as $$
  select r.* from "IndustryReport" j join "RelatedReport" r on r.id = j."reportId" and r.position = j."reportPosition"
  where j."industryId" = industry.id
$$;
comment on function public.bench_industry_related_reports("Industry") is E'@fieldName relatedReports\n@behavior +order';
