/**
 * The workspace store and autosave: what is typed is saved; a linked workspace is not saved until
 * edited, so opening a link never overwrites the user's own work; old and damaged saves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, readAutosave, type KeyValueStorage } from './autosave.ts';
import { STARTER_PROGRAM } from './starterProgram.ts';
import {
  getSource,
  openProgram,
  restoreAutosave,
  setActiveFile,
  setMem,
  setScenario,
  setSeed,
  setSource,
  setStorageForTests,
  showLinkedWorkspace,
  starterWorkspace,
  useAutosaveStatus,
  useWorkspace,
} from './workspace.ts';

class FakeStorage implements KeyValueStorage {
  map = new Map<string, string>();
  writes = 0;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes++;
    this.map.set(k, v);
  }
}

let store: FakeStorage;
const saved = () => JSON.parse(store.map.get(AUTOSAVE_KEY) ?? 'null');

describe('workspace autosave', () => {
  beforeEach(() => {
    store = new FakeStorage();
    setStorageForTests(store);
  });

  it('starts with the starter program and saves every edit', () => {
    expect(getSource()).toBe(STARTER_PROGRAM);
    setSource('r0 = 1\nexit\n');
    expect(saved()).toEqual({ version: 2, state: { ...starterWorkspace(), files: [{ name: 'prog.s', text: 'r0 = 1\nexit\n' }] } });
    setMem('01 02');
    expect(saved().state.mem).toBe('01 02');
  });

  it('does not save a linked workspace until the user edits it', () => {
    setSource('my own work');
    const writes = store.writes;
    showLinkedWorkspace({ ...starterWorkspace(), files: [{ name: 'x.s', text: 'from a link' }] });
    expect(getSource()).toBe('from a link');
    expect(store.writes).toBe(writes);
    expect(saved().state.files[0].text).toBe('my own work');
    // the editor echoing the same text back is not an edit
    setSource('from a link');
    expect(useWorkspace.getState().origin).toBe('link');
    expect(store.writes).toBe(writes);
    // going back restores the saved work
    restoreAutosave();
    expect(getSource()).toBe('my own work');
    // … and editing a linked workspace makes it the user's own
    showLinkedWorkspace({ ...starterWorkspace(), files: [{ name: 'x.s', text: 'from a link' }] });
    setSource('from a link, edited');
    expect(useWorkspace.getState().origin).toBe('local');
    expect(saved().state.files).toEqual([{ name: 'x.s', text: 'from a link, edited' }]);
  });

  it('switches files without turning a linked workspace into the user\'s own', () => {
    showLinkedWorkspace({ ...starterWorkspace(), files: [{ name: 'a.s', text: 'A' }, { name: 'b.s', text: 'B' }] });
    const writes = store.writes;
    setActiveFile(1);
    expect(getSource()).toBe('B');
    setActiveFile(7); // out of range: ignored
    expect(getSource()).toBe('B');
    expect(useWorkspace.getState().origin).toBe('link');
    expect(store.writes).toBe(writes);
    setSource('B edited');
    expect(saved().state.files).toEqual([{ name: 'a.s', text: 'A' }, { name: 'b.s', text: 'B edited' }]);
    expect(saved().state.active).toBe(1);
  });

  it('opens an example with its mem input as the user workspace', () => {
    openProgram('prog.s', 'r0 = r2\nexit\n', '01 02 03');
    expect(saved().state).toMatchObject({ files: [{ name: 'prog.s', text: 'r0 = r2\nexit\n' }], mem: '01 02 03' });
  });

  it('opens a scenario example with its scenario and seed, saved and reloaded', () => {
    openProgram('prog.c', 'int x;\n', '', 'xdp', { scenario: 'udp-flood', seed: 7 });
    expect(saved().state).toMatchObject({ language: 'c', progType: 'xdp', scenario: 'udp-flood', seed: 7 });
    setScenario(null);
    setSeed(99);
    setSeed(-1); // ignored
    setSeed(2 ** 32); // ignored
    expect(saved().state).toMatchObject({ scenario: null, seed: 99 });
    setStorageForTests(store); // reload from storage
    expect(useWorkspace.getState()).toMatchObject({ scenario: null, seed: 99, files: [{ name: 'prog.c' }] });
    openProgram('prog.s', 'exit\n', '');
    expect(useWorkspace.getState()).toMatchObject({ scenario: null, seed: 0 });
  });
});

describe('autosave keeps the user\'s work whatever it holds', () => {
  beforeEach(() => {
    store = new FakeStorage();
    setStorageForTests(store);
  });

  it('reads back a mem input that is not valid hex yet, and a file larger than a link may carry', () => {
    const big = 'r0 = 0\n'.repeat(40_000); // 280 000 characters: over the 128 KiB link cap
    setSource(big);
    setMem('01 02 zz <b>');
    expect(readAutosave(store, 'prog.s')).toMatchObject({ files: [{ name: 'prog.s', text: big }], mem: '01 02 zz <b>' });
  });

  it('says so when the storage refuses to save', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    setStorageForTests(full);
    setSource('r0 = 1\nexit\n');
    expect(useAutosaveStatus.getState().failed).toBe(true);
    setStorageForTests(store);
    setSource('r0 = 2\nexit\n');
    expect(useAutosaveStatus.getState().failed).toBe(false);
  });
});

describe('readAutosave', () => {
  it('migrates the first page (version 1: { source })', () => {
    const s = new FakeStorage();
    s.setItem(AUTOSAVE_KEY, JSON.stringify({ state: { source: 'r0 = 5\nexit\n' }, version: 1 }));
    expect(readAutosave(s, 'prog.s')).toEqual({ ...starterWorkspace(), files: [{ name: 'prog.s', text: 'r0 = 5\nexit\n' }] });
  });

  it('ignores damaged, tampered or unknown saves', () => {
    const s = new FakeStorage();
    for (const raw of ['{', 'null', '{"version":3,"state":{}}', JSON.stringify({ version: 2, state: { ...starterWorkspace(), files: [{ name: '<x>', text: '' }] } })]) {
      s.setItem(AUTOSAVE_KEY, raw);
      expect(readAutosave(s, 'prog.s')).toBeNull();
    }
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readAutosave(throwing, 'prog.s')).toBeNull();
    setStorageForTests(throwing);
    expect(() => setSource('still works')).not.toThrow();
  });
});
