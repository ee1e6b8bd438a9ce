import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, createApi } from './client.js';
import { EntityView } from './entity-view.js';
import type { Language } from './generated/graphql.js';
import { browserLanguage, languages, tagOf } from './i18n.js';
import { Search } from './search.js';
import './styles.css';
import { entityPath } from './view-model.js';

const idFromPath = (pathname: string) => {
  const match = /^\/explore\/([^/]+)$/.exec(pathname);
  return match ? decodeURIComponent(match[1] ?? '') : null;
};

const languageKey = 'explore.language';

/** The language the reader chose here before, which outlives a reload and a shared link. */
function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(languageKey);
    return languages.some((l) => l.value === saved) ? (saved as Language) : null;
  } catch {
    return null;
  }
}

function App({ api }: { api: Api }) {
  const [id, setId] = useState(() => idFromPath(location.pathname));
  const [lang, setLang] = useState<Language>(() => savedLanguage() ?? browserLanguage(navigator.languages));
  // After a move (not on the first load), the open entity's name takes the focus, so that Tab goes on to its links.
  const moved = useRef(false);

  useEffect(() => {
    const onPop = () => {
      moved.current = true;
      setId(idFromPath(location.pathname));
    };
    addEventListener('popstate', onPop);
    // When the page answers input, in milliseconds since navigation started: tests hold it to the budget.
    document.body.dataset.ready = String(Math.round(performance.now()));
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    document.documentElement.lang = tagOf(lang);
  }, [lang]);
  const choose = (next: Language) => {
    setLang(next);
    try {
      localStorage.setItem(languageKey, next);
    } catch {}
  };

  const open = (next: string) => {
    if (next === id) return;
    history.pushState(null, '', entityPath(next));
    moved.current = true;
    setId(next);
  };

  return (
    <>
      <header class="top">
        <h1>
          <a href="/explore">Explorer</a>
          <span class="subtitle">the 2012 Xiangyang quality agreement</span>
        </h1>
        <Search api={api} lang={lang} onOpen={open} />
        <label class="language">
          Language
          <select value={lang} onChange={(event) => choose(event.currentTarget.value as Language)}>
            {languages.map((l) => (
              <option key={l.value} value={l.value} lang={l.tag}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {id ? (
        <EntityView key={id} api={api} id={id} lang={lang} onOpen={open} focus={moved.current} />
      ) : (
        <main class="welcome">
          <p>
            Type a name in any script — 襄陽, xiangyang, xy, frp, 质监 — and pick a suggestion to see what the article
            says about it, who and what it is linked to, and the words it was taken from.
          </p>
        </main>
      )}
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App api={createApi()} />, root);
