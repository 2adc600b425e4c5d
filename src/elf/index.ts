/**
 * ELF in and out for BPF objects: `readElf` (clang's `.o` → BpfObject, libbpf's model) and
 * `writeElf` (BpfObject → a `.o` that bpftool and the kernel oracle load). See read.ts / write.ts.
 */
export { readElf, type ReadResult } from './read.ts';
export { writeElf } from './write.ts';
export { ElfCode } from './codes.ts';
