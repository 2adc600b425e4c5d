/**
 * The diagnostic code catalogue: one number range per stage (STYLE §3.3).
 *
 *   1000–1999  isa   (decoding and validity of encoded instructions)
 *   2000–2999  asm   (assembler: lexing, parsing, encoding)
 *   3000–3999  vm    (runtime faults, budget)
 *   4000–4999  cli / input files (hex, files, options)
 *   5000–5999  compiler (reserved)
 *   6000–6999  verifier (reserved)
 *   7000–7999  sim   (packet specs, pcap / pcapng captures)
 */
export const DiagCode = {
  // isa
  InvalidOpcode: 1001,
  ReservedField: 1002,
  BadRegister: 1003,
  TruncatedInsn: 1004,
  BadLdImm64: 1005,
  TruncatedBytecode: 1006,
  // asm
  UnknownMnemonic: 2001,
  BadOperand: 2002,
  BadRegisterName: 2003,
  ImmOutOfRange: 2004,
  OffsetOutOfRange: 2005,
  UndefinedLabel: 2006,
  DuplicateLabel: 2007,
  JumpOutOfRange: 2008,
  UnexpectedToken: 2009,
  UnknownHelper: 2010,
  // vm
  Fault: 3001,
  BudgetExceeded: 3002,
  // input
  BadHex: 4001,
  BadFile: 4002,
  BadOption: 4003,
  // sim
  BadPacketSpec: 7001,
  BadCapture: 7002,
} as const;
export type DiagCode = (typeof DiagCode)[keyof typeof DiagCode];
