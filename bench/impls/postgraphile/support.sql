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

-- The same hits as findHits in src/schema/search.ts, "rank" numbering them in its order; `query` is already normalised.
create or replace function public.bench_search(query text) returns setof public.bench_search_hit
language sql stable parallel safe as $$
  select row_number() over (
           order by max(case when "term" = query then 4
                             when "term" like replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%' then 2
                             else 1 end
                        + case when "isName" then 1 else 0 end) desc,
                    min(length("term")), "entityType", "entityId"),
         "entityType",
         case when "entityType" = 'AGREEMENT' then "entityId" end,
         case when "entityType" = 'PARTY' then "entityId" end,
         case when "entityType" = 'OFFICIAL' then "entityId" end,
         case when "entityType" = 'COMMITMENT' then "entityId" end,
         case when "entityType" = 'INDUSTRY' then "entityId" end,
         case when "entityType" = 'RELATED_REPORT' then "entityId" end
  from "SearchTerm"
  where "term" like '%' || replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%'
  group by "entityType", "entityId"
$$;
comment on function public.bench_search(text) is E'@name search\n@behavior +order';

-- Industry.relatedReports: the many-to-many through "IndustryReport". Joining on the copied position
-- too lets an ORDER BY position, id be read from the link table's (industryId, reportPosition, reportId) index.
create or replace function public.bench_industry_related_reports(industry "Industry") returns setof "RelatedReport"
language sql stable parallel safe as $$
  select r.* from "IndustryReport" j join "RelatedReport" r on r.id = j."reportId" and r.position = j."reportPosition"
  where j."industryId" = industry.id
$$;
comment on function public.bench_industry_related_reports("Industry") is E'@fieldName relatedReports\n@behavior +order';
