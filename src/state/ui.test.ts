/** UI store: persisted layout values are sanitised; splits are clamped so no pane disappears. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_OPTS, DEFAULT_SIZES, MIN_FRACTION, sanitizeRunOpts, sanitizeUi, selectPanel, setDock, setSize, useUi } from './ui.ts';

const RUN = { dock: 'trace', runOpts: DEFAULT_RUN_OPTS, unprivileged: false };

describe('ui store', () => {
  it('falls back to defaults for damaged saved values', () => {
    expect(sanitizeUi(null)).toEqual({ theme: 'system', present: false, panel: 'trace', sizes: DEFAULT_SIZES, ...RUN });
    expect(sanitizeUi({ theme: 'neon', present: 'yes', panel: '<x>', sizes: { cols: 'NaN', left: Infinity, right: null } })).toEqual({
      theme: 'system',
      present: false,
      panel: 'trace',
      sizes: DEFAULT_SIZES,
      ...RUN,
    });
    expect(sanitizeUi({ theme: 'dark', present: true, panel: 'bytecode', sizes: { cols: 0.99, left: 0.01, right: 0.5 } })).toEqual({
      theme: 'dark',
      present: true,
      panel: 'bytecode',
      sizes: { cols: 1 - MIN_FRACTION, left: MIN_FRACTION, right: 0.5, stack: DEFAULT_SIZES.stack },
      ...RUN,
    });
  });

  it('keeps the dock tab and run settings only when they are valid', () => {
    const ok = sanitizeUi({ dock: 'maps', runOpts: { count: 1_000_000, ratePps: 5000, engine: 'ref', noVerifier: true, pollEvery: 512, perfPages: 2 }, unprivileged: true });
    expect(ok.dock).toBe('maps');
    expect(ok.runOpts).toEqual({ count: 1_000_000, ratePps: 5000, durationS: null, engine: 'ref', noVerifier: true, pollEvery: 512, perfPages: 2 });
    expect(sanitizeRunOpts({ durationS: 10 }).durationS).toBe(10);
    expect(sanitizeRunOpts({ durationS: -1 }).durationS).toBeNull();
    expect(ok.unprivileged).toBe(true);
    expect(sanitizeRunOpts({ count: 0, ratePps: -1, engine: 'jit', noVerifier: 'yes', pollEvery: 0, perfPages: 1.5 })).toEqual(DEFAULT_RUN_OPTS);
    expect(sanitizeRunOpts({ count: 1e12 }).count).toBe(DEFAULT_RUN_OPTS.count);
    expect(sanitizeUi({ dock: '<img>' }).dock).toBe('trace');
  });

  it('clamps a dragged split', () => {
    setSize('cols', 0.7);
    expect(useUi.getState().sizes.cols).toBe(0.7);
    setSize('cols', 2);
    expect(useUi.getState().sizes.cols).toBe(1 - MIN_FRACTION);
    setSize('right', -1);
    expect(useUi.getState().sizes.right).toBe(MIN_FRACTION);
  });
  it('a dock tab is the selected panel while the dock is selected, and only then', () => {
    selectPanel('trace');
    setDock('stats');
    expect(useUi.getState()).toMatchObject({ dock: 'stats', panel: 'stats' });
    selectPanel('bytecode');
    setDock('maps');
    expect(useUi.getState()).toMatchObject({ dock: 'maps', panel: 'bytecode' });
  });
});

describe('default layout vs a saved one', () => {
  it('a returning user keeps the saved split (here the old defaults), a new one gets the new defaults', () => {
    const old = { cols: 0.53, left: 0.64, right: 0.25, stack: 0.36 };
    expect(sanitizeUi({ sizes: old }).sizes).toEqual(old);
    expect(sanitizeUi({}).sizes).toEqual(DEFAULT_SIZES);
    // the verifier gets half of the space under the result at first, the result pane the least it may have + a little
    expect(DEFAULT_SIZES.stack).toBeGreaterThan(0.5);
    expect(DEFAULT_SIZES.right).toBeGreaterThanOrEqual(MIN_FRACTION);
  });
});
