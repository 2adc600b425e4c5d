/** The keyboard-shortcuts overlay (`?`): every key the page answers to, in one table. */
import { closeOverlay } from '../../state/ui.ts';
import { Dialog } from '../components/Dialog.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** [keys, what they do, where they work]. Single keys work when the focus is not in a text field. */
export const SHORTCUTS: [string[], string][] = [
  [[mod, 'Enter'], 'Run the program (also inside the editor)'],
  [['←'], 'Step back in the register trace'],
  [['→'], 'Step forward in the register trace'],
  [['Home'], 'First step of the trace'],
  [['End'], 'Last step of the trace'],
  [['e'], 'Open the examples gallery'],
  [['l'], 'Open or close the lessons'],
  [['PageDown'], 'Next lesson step (also ])'],
  [['PageUp'], 'Previous lesson step (also [)'],
  [[mod, 'Space'], 'In the editor: complete a helper, SEC() name, context field or map type'],
  [['p'], 'Presentation mode on/off (large type, high contrast)'],
  [['t'], 'Change the theme (system, light, dark)'],
  [['?'], 'Show this list'],
  [['Esc'], 'Close a dialog'],
];

export function HelpOverlay() {
  return (
    <Dialog title="Keyboard shortcuts" onClose={closeOverlay}>
      <table className="shortcuts" aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <td className="shortcut-keys">
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted help-note">
        Single-key shortcuts work when the focus is not in the editor or a text field: click a panel heading first. The panel
        dividers can be dragged, or focused and moved with the arrow keys; double-click one to reset the layout.
      </p>
    </Dialog>
  );
}
