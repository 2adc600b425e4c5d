/**
 * The examples gallery: a dialog listing every example (title, program type, topics,
 * description, the scenario it runs against and what a run shows), filtered as you type and by
 * two rows of chips (program type; topics shared by two or more examples — every topic is still
 * searchable). One click opens an example as the workspace with its
 * `mem` input, program type, scenario and seed (`@count`, `@duration`, `@poll-every`, `@perf-pages`:
 * the run settings); the
 * editor keeps undo history, so Ctrl+Z brings
 * the previous text back. Filtering is pure (`state/examples.ts`); this is only the view.
 */
import { useMemo, useState } from 'react';
import { exampleFacets, exampleRunOpts, galleryType, searchExamples, type Example } from '../../state/examples.ts';
import { resetSession } from '../../state/session.ts';
import { closeOverlay, setRunOpts } from '../../state/ui.ts';
import { openProgram } from '../../state/workspace.ts';
import { Dialog } from '../components/Dialog.tsx';
import { EXAMPLES } from './exampleSources.ts';
import './Gallery.css';

export function openExample(e: Example): void {
  resetSession();
  openProgram(e.file, e.text, e.mem, e.progType ?? null, { scenario: e.scenario ?? null, seed: e.seed });
  // the header's run settings; those it does not give go back to the defaults
  setRunOpts(exampleRunOpts(e));
  closeOverlay();
}

function Chips({ label, values, chosen, onChoose }: { label: string; values: [string, number][]; chosen: string | null; onChoose: (v: string | null) => void }) {
  if (values.length < 2) return null;
  return (
    <div className="gallery-chips" role="group" aria-label={label}>
      <span className="gallery-chips-label muted">{label}</span>
      {values.map(([v, n]) => (
        <button
          key={v}
          type="button"
          className="chip"
          aria-pressed={chosen === v}
          title={`${n} example${n === 1 ? '' : 's'}`}
          onClick={() => onChoose(chosen === v ? null : v)}
        >
          {v} <span className="chip-n">{n}</span>
        </button>
      ))}
    </div>
  );
}

function runLine(e: Example): string | null {
  if (!e.scenario) return null;
  const amount = e.count !== undefined ? `, ${e.count.toLocaleString('en-US')} ${e.progType && /xdp|tc|socket|cgroup/.test(e.progType) ? 'packets' : 'events'}` : e.duration ? `, ${e.duration}` : '';
  return `scenario: ${e.scenario}${amount}, seed ${e.seed}`;
}

export function Gallery() {
  const [query, setQuery] = useState('');
  const [progType, setProgType] = useState<string | null>(null);
  const [topic, setTopic] = useState<string | null>(null);
  const facets = useMemo(() => exampleFacets(EXAMPLES), []);
  const shown = useMemo(() => searchExamples(EXAMPLES, query, { progType, topic }), [query, progType, topic]);
  const filtered = query !== '' || progType !== null || topic !== null;
  return (
    <Dialog title="Examples" onClose={closeOverlay} wide>
      <input
        type="search"
        className="gallery-search"
        placeholder="Search by topic, title or description…"
        aria-label="Search examples"
        value={query}
        data-autofocus
        onChange={(ev) => setQuery(ev.target.value)}
      />
      <Chips label="Program type" values={facets.progTypes} chosen={progType} onChoose={setProgType} />
      <Chips label="Topic" values={facets.topics.filter(([t, n]) => n >= 2 || t === topic)} chosen={topic} onChoose={setTopic} />
      <p className="gallery-count muted" aria-live="polite">
        {shown.length === EXAMPLES.length ? `${EXAMPLES.length} examples` : `${shown.length} of ${EXAMPLES.length} examples`} · opening one replaces
        the editor text (Ctrl+Z in the editor undoes it)
      </p>
      {shown.length === 0 ? (
        <p className="empty">
          No example matches {query ? `“${query}”` : 'these filters'}
          {filtered ? '. Clear a filter, or try a topic such as “stack”, “memory” or “call”.' : '.'}
        </p>
      ) : (
        <ul className="gallery-list" aria-label="Examples">
          {shown.map((e) => {
            const run = runLine(e);
            return (
              <li key={e.id}>
                <button type="button" className="gallery-card" aria-label={`Open example: ${e.title}`} onClick={() => openExample(e)}>
                  <span className="gallery-card-head">
                    <span className="gallery-num mono">{String(e.order).padStart(2, '0')}</span>
                    <span className="gallery-title">{e.title}</span>
                    <span className="gallery-type mono">{galleryType(e)}</span>
                    {(e.topics.length ? e.topics : [e.topic]).map((t) => (
                      <span key={t} className="gallery-topic">
                        {t}
                      </span>
                    ))}
                  </span>
                  {e.description && <span className="gallery-desc">{e.description}</span>}
                  {run && <span className="gallery-mem mono">{run}</span>}
                  {e.outcome && <span className="gallery-outcome">→ {e.outcome}</span>}
                  {e.mem && <span className="gallery-mem mono">mem: {e.mem}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
