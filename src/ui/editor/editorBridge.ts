/**
 * A narrow door into the live editor for the rest of the page (no Monaco types leak out):
 * panes call `revealInEditor(line, col)` to move the caret to a diagnostic; the editor registers
 * the implementation while it is mounted. Before Monaco has loaded, the call does nothing.
 */
type Reveal = (line: number, col: number) => void;

let reveal: Reveal | null = null;

export function setEditorReveal(fn: Reveal | null): void {
  reveal = fn;
}

export function revealInEditor(line: number, col: number): void {
  reveal?.(line, col);
}
