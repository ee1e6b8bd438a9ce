import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from './generated/graphql.js';
import { word } from './i18n.js';
import type { Entity } from './view-model.js';

// Shape as well as colour tells the types apart.
const looks: Record<string, { shape: string; color: string }> = {
  Agreement: { shape: 'round-rectangle', color: '#7b3294' },
  Party: { shape: 'hexagon', color: '#1b7837' },
  Official: { shape: 'ellipse', color: '#2166ac' },
  Commitment: { shape: 'diamond', color: '#b35806' },
  Industry: { shape: 'triangle', color: '#8c510a' },
  RelatedReport: { shape: 'rectangle', color: '#4d4d4d' },
  Target: { shape: 'tag', color: '#999999' },
};

const short = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function elements(entity: Entity, lang: Language): ElementDefinition[] {
  const seen = new Set([entity.id]);
  const out: ElementDefinition[] = [
    { data: { id: entity.id, label: short(entity.name, 30), type: entity.type, center: 1 } },
  ];
  for (const group of entity.groups) {
    group.neighbours.forEach((n, index) => {
      const id = n.id ?? `${group.relation}-${index}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push({ data: { id, label: short(n.name), type: n.type, target: n.id, center: 0 } });
      }
      out.push({
        data: { id: `${group.relation}:${id}`, source: entity.id, target: id, label: word(lang, group.relation) },
      });
    });
  }
  return out;
}

/**
 * The open entity in the middle and its neighbours around it, drawn by Cytoscape.js, loaded after the page's
 * first paint; a click moves to the neighbour. The list beside it holds the same links for keyboards and readers.
 */
export function Graph({ entity, lang, onOpen }: { entity: Entity; lang: Language; onOpen: (id: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const navigate = useRef(onOpen);
  navigate.current = onOpen;
  useEffect(() => {
    let cy: Core | undefined;
    let cancelled = false;
    import('./graph-library.js').then(
      ({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        cy = cytoscape({
          container: container.current,
          elements: elements(entity, lang),
          autoungrabify: true,
          maxZoom: 1.4,
          minZoom: 0.3,
          boxSelectionEnabled: false,
          style: [
            {
              selector: 'node',
              style: {
                label: 'data(label)',
                'font-size': 11,
                'text-valign': 'bottom',
                'text-margin-y': 4,
                'text-wrap': 'wrap',
                'text-max-width': '120px',
                width: 26,
                height: 26,
                'border-width': 2,
                'border-color': '#ffffff',
              },
            },
            ...Object.entries(looks).map(([type, look]) => ({
              selector: `node[type = "${type}"]`,
              style: { shape: look.shape, 'background-color': look.color },
            })),
            {
              selector: 'node[center = 1]',
              style: { width: 46, height: 46, 'font-size': 13, 'font-weight': 'bold', 'border-color': '#111111' },
            },
            {
              selector: 'edge',
              style: {
                width: 1.5,
                'line-color': '#b0b0b0',
                'curve-style': 'bezier',
              },
            },
          ] as never,
          layout: {
            name: 'concentric',
            concentric: (node: { data: (key: string) => number }) => (node.data('center') ? 2 : 1),
            levelWidth: () => 1,
            minNodeSpacing: 28,
            animate: false,
          } as never,
        });
        cy.on('tap', 'node', (event) => {
          const target = event.target.data('target') as string | undefined;
          if (target) navigate.current(target);
        });
        cy.on('mouseover', 'node[target]', () => container.current?.classList.add('pointing'));
        cy.on('mouseout', 'node', () => container.current?.classList.remove('pointing'));
        container.current.dataset.drawn = String(cy.nodes().length);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      cy?.destroy();
    };
  }, [entity, lang]);
  return (
    <figure class="graph">
      <div ref={container} class="canvas" aria-hidden="true" />
      <figcaption>
        {failed
          ? 'The graph could not be drawn; the list holds the same links.'
          : 'The entity and what it links to; click a node to move there. The list “Linked to” holds the same links.'}
      </figcaption>
    </figure>
  );
}
