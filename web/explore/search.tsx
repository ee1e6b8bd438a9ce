import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './client.js';
import { ExploreSearchDocument, type ExploreSearchQuery, type Language } from './generated/graphql.js';
import { word } from './i18n.js';

type Hit = ExploreSearchQuery['search']['edges'][number];

interface Suggestion {
  id: string;
  type: string;
  name: string;
}

function suggestionOf(edge: Hit): Suggestion | null {
  const node = edge?.node;
  if (!node) return null;
  switch (node.__typename) {
    case 'Agreement':
    case 'RelatedReport':
      return { id: node.id, type: node.__typename, name: node.title.text };
    case 'Commitment':
      return { id: node.id, type: node.__typename, name: node.text.text };
    default:
      return { id: node.id, type: node.__typename, name: node.name.text };
  }
}

/** A combobox: suggestions from the first character, arrows to move through them, Enter or a click to open one. */
export function Search({ api, lang, onOpen }: { api: Api; lang: Language; onOpen: (id: string) => void }) {
  const [query, setQuery] = useState('');
  // The suggestions of the query they answer: a list for the text before is not offered for the text now.
  const [answer, setAnswer] = useState<{ query: string; suggestions: Suggestion[] }>({ query: '', suggestions: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [failed, setFailed] = useState(false);
  const latest = useRef('');

  useEffect(() => {
    const text = query.trim();
    latest.current = text;
    if (!text) return;
    api(ExploreSearchDocument, { query: text, lang }).then(
      (data) => {
        if (latest.current !== text) return;
        setFailed(false);
        setAnswer({ query: text, suggestions: data.search.edges.flatMap((edge) => suggestionOf(edge) ?? []) });
        setActive(-1);
      },
      () => latest.current === text && setFailed(true),
    );
  }, [api, query, lang]);

  const suggestions = answer.query === query.trim() ? answer.suggestions : [];

  const choose = (suggestion: Suggestion | undefined) => {
    if (!suggestion) return;
    setOpen(false);
    setActive(-1);
    onOpen(suggestion.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const last = suggestions.length - 1;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive(active >= last ? 0 : active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive(active <= 0 ? last : active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(suggestions[active] ?? suggestions[0]);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && suggestions.length > 0;
  const optionId = (index: number) => `suggestion-${index}`;
  return (
    <div class="search">
      <label for="search">Search</label>
      <input
        id="search"
        type="search"
        // biome-ignore lint/a11y/noRedundantRoles: a search input is a searchbox unless told it is the combobox it is
        role="combobox"
        // Preact's types allow the combobox role on a text input only with a datalist; the listbox here is ours.
        list={undefined}
        autocomplete="off"
        spellcheck={false}
        placeholder="襄陽, xy, frp, 质监 …"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls="suggestions"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={query}
        onInput={(event) => {
          setQuery(event.currentTarget.value);
          setActive(-1);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern's listbox */}
      <ul id="suggestions" role="listbox" aria-label="Suggestions" hidden={!expanded}>
        {suggestions.map((s, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the focus stays in the input, whose keys move through the options (aria-activedescendant)
          <li
            key={s.id}
            id={optionId(index)}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern's options
            role="option"
            aria-selected={index === active}
            class={index === active ? 'active' : undefined}
            // Keeps the focus in the box, so that the click below is not lost to its blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(s)}
          >
            <span class={`type type-${s.type}`}>{word(lang, s.type)}</span> <span class="name">{s.name}</span>
          </li>
        ))}
      </ul>
      <p class="status" aria-live="polite">
        {failed
          ? 'Search failed; try again.'
          : query.trim() && open && answer.query === query.trim()
            ? `${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'}`
            : ''}
      </p>
    </div>
  );
}
