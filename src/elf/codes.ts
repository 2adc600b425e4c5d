/**
 * Diagnostic codes of the ELF reader/writer. They sit in the input-file range (4000–4999 in
 * `diag/codes.ts`), sub-range 4100–4199, kept here so the ELF stage owns its numbers.
 */
export const ElfCode = {
  NotElf: 4101,
  Truncated: 4102,
  BadElf: 4103,
  BadString: 4104,
  BadReloc: 4105,
  BadBtf: 4106,
  BadBtfExt: 4107,
  BadMap: 4108,
  BadProgram: 4109,
  Unsupported: 4110,
} as const;
