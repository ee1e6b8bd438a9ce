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

-- The same hits as our findHits, "rank" numbering them in its order; `query` is already normalised. The page is
-- an argument so that its LIMIT sits in the ranking statement, as in findHits: PostgreSQL then sorts top-N and
-- joins only the page to the entities (a limit from PostGraphile stays above those joins, so all hits get joined).
drop function if exists public.bench_search(text);
create or replace function public.bench_search(query text, page_size integer default null, page_offset integer default 0)
returns setof public.bench_search_hit
language sql stable parallel safe as $$
  select coalesce(page_offset, 0) + row_number() over (order by score desc, shortest, "entityType", "entityId"),
         "entityType",
         case when "entityType" = 'AGREEMENT' then "entityId" end,
         case when "entityType" = 'PARTY' then "entityId" end,
         case when "entityType" = 'OFFICIAL' then "entityId" end,
         case when "entityType" = 'COMMITMENT' then "entityId" end,
         case when "entityType" = 'INDUSTRY' then "entityId" end,
         case when "entityType" = 'RELATED_REPORT' then "entityId" end
  from (
    select "entityType", "entityId",
           max(case when "term" = query then 4
                    when "term" like replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%' then 2
                    else 1 end
               + case when "isName" then 1 else 0 end) as score,
           min(length("term")) as shortest
    from "SearchTerm"
    where "term" like '%' || replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%'
    group by "entityType", "entityId"
    order by score desc, shortest, "entityType", "entityId"
    limit page_size offset page_offset
  ) as hit
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
