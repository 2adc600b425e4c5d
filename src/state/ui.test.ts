/** UI store: persisted layout values are sanitised; splits are clamped so no pane disappears. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES, MIN_FRACTION, sanitizeUi, setSize, useUi } from './ui.ts';

describe('ui store', () => {
  it('falls back to defaults for damaged saved values', () => {
    expect(sanitizeUi(null)).toEqual({ theme: 'system', present: false, panel: 'trace', sizes: DEFAULT_SIZES });
    expect(sanitizeUi({ theme: 'neon', present: 'yes', panel: '<x>', sizes: { cols: 'NaN', left: Infinity, right: null } })).toEqual({
      theme: 'system',
      present: false,
      panel: 'trace',
      sizes: DEFAULT_SIZES,
    });
    expect(sanitizeUi({ theme: 'dark', present: true, panel: 'bytecode', sizes: { cols: 0.99, left: 0.01, right: 0.5 } })).toEqual({
      theme: 'dark',
      present: true,
      panel: 'bytecode',
      sizes: { cols: 1 - MIN_FRACTION, left: MIN_FRACTION, right: 0.5 },
    });
  });

  it('clamps a dragged split', () => {
    setSize('cols', 0.7);
    expect(useUi.getState().sizes.cols).toBe(0.7);
    setSize('cols', 2);
    expect(useUi.getState().sizes.cols).toBe(1 - MIN_FRACTION);
    setSize('right', -1);
    expect(useUi.getState().sizes.right).toBe(MIN_FRACTION);
  });
});
