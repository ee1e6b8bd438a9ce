import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './client.js';
import { ExploreDocumentDocument, type ExploreQuoteFragment, type Language } from './generated/graphql.js';

interface Span {
  start: number;
  end: number;
}

/**
 * The text from `from` to `to` with every quote a <mark>, quotes inside others nested in them. A quote that
 * crosses the end of the one before is cut there, and its rest marked after it.
 */
function marked(text: string, from: number, to: number, spans: Span[]): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let pending = spans.toSorted((a, b) => a.start - b.start || b.end - a.end);
  let pos = from;
  while (pending.length) {
    const [first, ...rest] = pending as [Span, ...Span[]];
    const span = { start: Math.max(first.start, pos), end: first.end };
    if (span.start >= span.end) {
      pending = rest;
      continue;
    }
    out.push(text.slice(pos, span.start));
    const inside = rest
      .filter((s) => s.start < span.end)
      .map((s) => ({ start: s.start, end: Math.min(s.end, span.end) }));
    pending = rest
      .flatMap((s) => (s.start < span.end ? (s.end > span.end ? [{ start: span.end, end: s.end }] : []) : [s]))
      .toSorted((a, b) => a.start - b.start || b.end - a.end);
    out.push(<mark>{marked(text, span.start, span.end, inside)}</mark>);
    pos = span.end;
  }
  out.push(text.slice(pos, to));
  return out;
}

function unique(quotes: ExploreQuoteFragment[]): Span[] {
  const seen = new Map<string, Span>();
  for (const q of quotes) seen.set(`${q.start}:${q.end}`, { start: q.start, end: q.end });
  return [...seen.values()];
}

function Document({ api, lang, id, quotes }: { api: Api; lang: Language; id: string; quotes: ExploreQuoteFragment[] }) {
  const [doc, setDoc] = useState<{ title: string; text: string; url: string | null } | null>(null);
  const textRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let current = true;
    api(ExploreDocumentDocument, { id, lang }).then(
      (data) => {
        const node = data.node;
        if (current && node?.__typename === 'SourceDocument')
          setDoc({ title: node.title.text, text: node.text, url: node.url });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, id, lang]);
  useEffect(() => {
    textRef.current?.querySelector('mark')?.scrollIntoView({ block: 'center' });
  }, [doc, quotes]);
  if (!doc) return <p>Loading the source…</p>;
  return (
    <article class="document">
      <h3>{doc.title}</h3>
      <p class="links">
        <a href={`/sources/${encodeURIComponent(id)}/raw`}>The text as received (raw)</a>
        {doc.url && (
          <>
            {' · '}
            <a href={doc.url} rel="noreferrer">
              Where it was published
            </a>
          </>
        )}
      </p>
      <div class="text" ref={textRef}>
        {marked(doc.text, 0, doc.text.length, unique(quotes))}
      </div>
    </article>
  );
}

/** The source documents of the open entity's quotes, each quote a <mark>, the first scrolled into view. */
export function Provenance({ api, lang, quotes }: { api: Api; lang: Language; quotes: ExploreQuoteFragment[] }) {
  const documents = [...new Set(quotes.map((q) => q.document.id))];
  return (
    <aside class="provenance" aria-labelledby="provenance-title">
      <h2 id="provenance-title">Where the article says so</h2>
      <p class="hint">
        {quotes.length
          ? `${unique(quotes).length} passage${unique(quotes).length === 1 ? '' : 's'} marked`
          : 'No passage of a source is linked to this entity.'}
      </p>
      {documents.map((id) => (
        <Document key={id} api={api} lang={lang} id={id} quotes={quotes.filter((q) => q.document.id === id)} />
      ))}
    </aside>
  );
}
