/**
 * A drag handle between two panes (role="separator", focusable): drag it with the pointer, or
 * focus it and use the arrow keys (Home/End for the extremes); double-click resets the layout.
 * The split is a fraction of the parent's width (a vertical bar) or height (a horizontal bar),
 * stored in the UI store, which clamps it so no pane disappears.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MIN_FRACTION, resetSizes, setSize, useSizes, type LayoutSizes } from '../../state/ui.ts';

const KEY_STEP = 0.02;

export function Splitter({ which, orientation, label }: { which: keyof LayoutSizes; orientation: 'vertical' | 'horizontal'; label: string }) {
  const value = useSizes()[which];
  const dragging = useRef(false);

  const fractionAt = (el: HTMLElement, e: PointerEvent) => {
    const box = el.parentElement!.getBoundingClientRect();
    return orientation === 'vertical' ? (e.clientX - box.left) / box.width : (e.clientY - box.top) / box.height;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    document.documentElement.classList.add(orientation === 'vertical' ? 'resizing-col' : 'resizing-row');
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) setSize(which, fractionAt(e.currentTarget, e));
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
    document.documentElement.classList.remove('resizing-col', 'resizing-row');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const fwd = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    let next: number | null = null;
    if (e.key === back) next = value - KEY_STEP;
    else if (e.key === fwd) next = value + KEY_STEP;
    else if (e.key === 'Home') next = MIN_FRACTION;
    else if (e.key === 'End') next = 1 - MIN_FRACTION;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    setSize(which, next);
  };
  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuemin={Math.round(MIN_FRACTION * 100)}
      aria-valuemax={Math.round((1 - MIN_FRACTION) * 100)}
      aria-valuenow={Math.round(value * 100)}
      tabIndex={0}
      title={`${label} (drag, or arrow keys; double-click resets)`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKeyDown}
      onDoubleClick={resetSizes}
    />
  );
}
