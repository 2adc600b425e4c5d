/**
 * The examples gallery: a dialog listing every example (title, topic, description, and its `mem`
 * input when it has one), filtered as you type. One click opens an example as the workspace
 * (with its `mem` input); the editor keeps undo history, so Ctrl+Z brings the previous text back.
 */
import { useMemo, useState } from 'react';
import { searchExamples, type Example } from '../../state/examples.ts';
import { resetSession } from '../../state/session.ts';
import { closeOverlay } from '../../state/ui.ts';
import { openProgram } from '../../state/workspace.ts';
import { Dialog } from '../components/Dialog.tsx';
import { EXAMPLES } from './exampleSources.ts';
import './Gallery.css';

export function openExample(e: Example): void {
  resetSession();
  openProgram(e.file, e.text, e.mem, e.progType ?? null);
  closeOverlay();
}

export function Gallery() {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => searchExamples(EXAMPLES, query), [query]);
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
      <p className="gallery-count muted" aria-live="polite">
        {shown.length === EXAMPLES.length ? `${EXAMPLES.length} examples` : `${shown.length} of ${EXAMPLES.length} examples`} · opening one replaces
        the editor text (Ctrl+Z in the editor undoes it)
      </p>
      {shown.length === 0 ? (
        <p className="empty">No example matches “{query}”. Try a topic such as “stack”, “memory” or “call”.</p>
      ) : (
        <ul className="gallery-list" aria-label="Examples">
          {shown.map((e) => (
            <li key={e.id}>
              <button type="button" className="gallery-card" aria-label={`Open example: ${e.title}`} onClick={() => openExample(e)}>
                <span className="gallery-card-head">
                  <span className="gallery-num mono">{String(e.order).padStart(2, '0')}</span>
                  <span className="gallery-title">{e.title}</span>
                  <span className="gallery-topic">{e.topic}</span>
                  {e.progType && <span className="gallery-topic">{e.progType}</span>}
                </span>
                {e.description && <span className="gallery-desc">{e.description}</span>}
                {e.mem && (
                  <span className="gallery-mem mono">
                    mem: {e.mem}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
