import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './client.js';
import { ExploreEntityDocument, type ExploreReportItemFragment, type Language } from './generated/graphql.js';
import { Graph } from './graph.js';
import { tagOf, word } from './i18n.js';
import { Provenance } from './provenance.js';
import { type Entity, entityOf, entityPath } from './view-model.js';

type Props = { api: Api; id: string; lang: Language; onOpen: (id: string) => void; focus: boolean };

export function EntityView({ api, id, lang, onOpen, focus }: Props) {
  const [entity, setEntity] = useState<Entity | null | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = entity != null;

  useEffect(() => {
    if (loaded && focus) heading.current?.focus();
  }, [loaded, focus]);

  useEffect(() => {
    let current = true;
    api(ExploreEntityDocument, { id, lang }).then(
      (data) => {
        if (!current) return;
        setFailed(null);
        setEntity(data.node ? entityOf(data.node) : null);
      },
      (error: Error) => current && setFailed(error.message),
    );
    return () => {
      current = false;
    };
  }, [api, id, lang]);

  if (failed) return <main class="message">Could not load this entity: {failed}</main>;
  if (entity === undefined) return <main class="message">Loading…</main>;
  if (entity === null) return <main class="message">Nothing in the graph has this id.</main>;

  const follow = (event: MouseEvent, next: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(next);
  };

  return (
    <main class="entity">
      <section class="summary" aria-labelledby="entity-name">
        <p class={`type type-${entity.type}`}>{word(lang, entity.type)}</p>
        <h2 id="entity-name" tabIndex={-1} ref={heading}>
          {entity.name}
        </h2>
        {entity.facts.length > 0 && (
          <dl class="facts">
            {entity.facts.map((fact) => (
              <div key={`${fact.label}${fact.text}`}>
                <dt>{fact.label}</dt>
                <dd>
                  {fact.words.map((w) => word(lang, w)).join(lang === 'EN' || lang === 'PINYIN' ? ', ' : '、')}
                  {fact.words.length > 0 && fact.text ? ' — ' : ''}
                  {fact.text}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {entity.counts && (
          <section class="counts" aria-label={entity.counts.label}>
            <h3>{entity.counts.label}</h3>
            <ul>
              {entity.counts.counts.map((count) => (
                <li key={count.label}>
                  <strong>{count.value}</strong> {word(lang, count.label)}
                </li>
              ))}
            </ul>
          </section>
        )}
        <MarketSizes reports={entity.reports} lang={lang} follow={follow} />
      </section>
      <nav class="neighbours" aria-label="Neighbours">
        <h2>Linked to</h2>
        {entity.groups.length === 0 && <p>Nothing else in the graph links here.</p>}
        {entity.groups.map((group) => (
          <section key={group.relation}>
            <h3>
              {word(lang, group.relation)} <span class="count">({group.neighbours.length})</span>
            </h3>
            <ul>
              {group.neighbours.map((n, index) => (
                <li key={`${n.id ?? n.name}-${index}`} class={`neighbour type-${n.type}`}>
                  <span class="type">{word(lang, n.type)}</span>{' '}
                  {n.id ? (
                    <a href={entityPath(n.id)} onClick={(event) => follow(event, n.id as string)}>
                      {n.name}
                    </a>
                  ) : (
                    <span>{n.name}</span>
                  )}
                  {n.notes.length > 0 && <span class="notes"> · {n.notes.map((w) => word(lang, w)).join(', ')}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <Graph entity={entity} lang={lang} onOpen={onOpen} />
      <Provenance api={api} lang={lang} quotes={entity.quotes} />
    </main>
  );
}

function MarketSizes({
  reports,
  lang,
  follow,
}: {
  reports: ExploreReportItemFragment[];
  lang: Language;
  follow: (event: MouseEvent, id: string) => void;
}) {
  const sized = reports.filter((r) => r.marketSize);
  if (!sized.length) return null;
  const currencies = [...new Set(sized.map((r) => r.marketSize?.currency ?? ''))];
  return (
    <figure class="chart">
      <figcaption>Market sizes the related reports state, by currency</figcaption>
      {currencies.map((currency) => {
        const rows = sized.filter((r) => r.marketSize?.currency === currency);
        const largest = Math.max(...rows.map((r) => r.marketSize?.amount ?? 0));
        const money = new Intl.NumberFormat(tagOf(lang) === 'zh-Latn-pinyin' ? 'en' : tagOf(lang), {
          style: 'currency',
          currency,
          notation: 'compact',
          maximumSignificantDigits: 4,
        });
        return (
          <table key={currency} class="bars">
            <caption>{currency}</caption>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={entityPath(r.id)} onClick={(event) => follow(event, r.id)}>
                      {r.title.text}
                    </a>
                  </th>
                  <td>
                    <span
                      class="bar"
                      style={{ width: `${Math.max(2, ((r.marketSize?.amount ?? 0) / largest) * 100)}%` }}
                      aria-hidden="true"
                    />
                    <span class="amount">
                      {money.format(r.marketSize?.amount ?? 0)} <span class="printed">({r.marketSize?.text})</span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </figure>
  );
}
