/** Switching the language (file renamed, starter swapped only when untouched) and the program type. */
import { beforeEach, describe, expect, it } from 'vitest';
import { STARTER_C_PROGRAM, STARTER_PROGRAM } from './starterProgram.ts';
import { getFile, getSource, languageOf, openProgram, setLanguage, setProgType, setSource, setStorageForTests, useWorkspace } from './workspace.ts';

describe('language and program type', () => {
  beforeEach(() => setStorageForTests(undefined));

  it('reads the language from the file name', () => {
    expect(languageOf('prog.c')).toBe('c');
    expect(languageOf('X.C')).toBe('c');
    expect(languageOf('prog.s')).toBe('asm');
    expect(languageOf('c')).toBe('asm');
  });

  it('swaps the untouched starter program for the C one and back', () => {
    expect(getSource()).toBe(STARTER_PROGRAM);
    setLanguage('c');
    expect(getFile()).toBe('prog.c');
    expect(getSource()).toBe(STARTER_C_PROGRAM);
    expect(useWorkspace.getState().language).toBe('c');
    setLanguage('asm');
    expect(getFile()).toBe('prog.s');
    expect(getSource()).toBe(STARTER_PROGRAM);
  });

  it('keeps edited text when switching (only the name changes)', () => {
    setSource('r0 = 1\nexit\n');
    setLanguage('c');
    expect(getFile()).toBe('prog.c');
    expect(getSource()).toBe('r0 = 1\nexit\n');
  });

  it('opens a C example as C with its program type', () => {
    openProgram('prog.c', 'int x;', '', 'xdp');
    expect(useWorkspace.getState()).toMatchObject({ language: 'c', progType: 'xdp', files: [{ name: 'prog.c', text: 'int x;' }] });
    setProgType('tc');
    expect(useWorkspace.getState().progType).toBe('tc');
    setProgType(null);
    expect(useWorkspace.getState().progType).toBeNull();
  });
});
