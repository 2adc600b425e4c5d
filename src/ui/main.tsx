/**
 * Page entry: mounts the React app, and in production builds registers the offline service
 * worker (`sw.js`, written by the build next to `index.html`; relative, so any base path works).
 * Monaco is not imported statically; its chunk is requested here, before the first render, so it
 * downloads and compiles while React renders the page (see `editor/Editor.tsx`).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/theme.css'; // first: base styles that component styles may override
import { App } from './app/App.tsx';
import { preloadEditor } from './editor/Editor.tsx';

preloadEditor();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (import.meta.env.PROD && 'serviceWorker' in navigator && window.isSecureContext) {
  // After load, so precaching never competes with the first paint.
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      /* offline support is a bonus: a refused registration (private mode, file://) is fine */
    });
  });
}
