import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './client.js';
import { ExploreDocumentDocument, type ExploreQuoteFragment, type Language } from './generated/graphql.js';
import { marked, type Piece, type Span } from './marks.js';

function render(pieces: Piece[]): ComponentChildren[] {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : <mark>{render(piece.mark)}</mark>));
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
        {render(marked(doc.text, unique(quotes)))}
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
