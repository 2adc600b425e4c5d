/**
 * The page: header on top; editor and bytecode on the left; result and register trace on the
 * right. Panes are thin views of the session store (after Compiler Explorer's panes).
 */
import { Editor } from '../editor/Editor.tsx';
import { BytecodePane } from '../panes/BytecodePane.tsx';
import { ResultPane } from '../panes/ResultPane.tsx';
import { TracePane } from '../panes/TracePane.tsx';
import { Header } from './Header.tsx';
import { useApplyTheme } from './theme.ts';
import { useGlobalKeys } from './useGlobalKeys.ts';
import './App.css';

export function App() {
  const theme = useApplyTheme();
  useGlobalKeys();
  return (
    <div className="app">
      <Header />
      <main className="app-main">
        <div className="app-col app-col-left">
          <Editor theme={theme} />
          <BytecodePane />
        </div>
        <div className="app-col app-col-right">
          <ResultPane />
          <TracePane />
        </div>
      </main>
    </div>
  );
}
