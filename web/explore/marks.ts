export interface Span {
  start: number;
  end: number;
}

/** A stretch of text, or a marked one that may hold marks of its own. */
export type Piece = string | { mark: Piece[] };

const inOrder = (spans: Span[]) => spans.toSorted((a, b) => a.start - b.start || b.end - a.end);

/**
 * The text from `from` to `to` with every span marked, spans inside others nested in them. A span that
 * crosses the end of the one before it is cut there, and its rest marked after it.
 */
export function marked(text: string, spans: Span[], from = 0, to = text.length): Piece[] {
  const out: Piece[] = [];
  let pending = inOrder(spans);
  let pos = from;
  while (pending.length) {
    const [first, ...rest] = pending as [Span, ...Span[]];
    const span = { start: Math.max(first.start, pos), end: first.end };
    if (span.start >= span.end) {
      pending = rest;
      continue;
    }
    if (span.start > pos) out.push(text.slice(pos, span.start));
    const inside = rest
      .filter((s) => s.start < span.end)
      .map((s) => ({ start: s.start, end: Math.min(s.end, span.end) }));
    pending = inOrder(
      rest.flatMap((s) => (s.start >= span.end ? [s] : s.end > span.end ? [{ start: span.end, end: s.end }] : [])),
    );
    out.push({ mark: marked(text, inside, span.start, span.end) });
    pos = span.end;
  }
  if (to > pos) out.push(text.slice(pos, to));
  return out;
}
