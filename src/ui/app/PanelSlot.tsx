/**
 * A grid cell holding one panel: interacting with it (pointer or focus) makes it the selected
 * panel — the one a share link points at and an embed shows. The selected panel is outlined.
 */
import type { ReactNode } from 'react';
import type { PanelId } from '../../state/snapshot.ts';
import { selectPanel, usePanel } from '../../state/ui.ts';

export function PanelSlot({ id, children }: { id: PanelId; children: ReactNode }) {
  const selected = usePanel() === id;
  return (
    <div
      className={`slot${selected ? ' slot-selected' : ''}`}
      data-panel={id}
      onPointerDownCapture={() => selectPanel(id)}
      onFocusCapture={() => selectPanel(id)}
    >
      {children}
    </div>
  );
}
