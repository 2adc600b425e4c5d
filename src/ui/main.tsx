/**
 * Page entry: mounts the React app. Monaco is not imported here; it loads lazily with the
 * editor (see `editor/Editor.tsx`).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/theme.css'; // first: base styles that component styles may override
import { App } from './app/App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
