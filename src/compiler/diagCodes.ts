/**
 * Diagnostic codes of the C compiler (the 5000–5999 range reserved for it in `src/diag/codes.ts`).
 * Grouped by stage: 50xx lexer, 51xx preprocessor, 52xx parser/types, 53xx code generation.
 * Does not: hold message texts (they are written where raised, in clang's wording).
 */
export const CDiag = {
  LexError: 5001,
  PPDirective: 5101,
  PPInclude: 5102,
  PPMacro: 5103,
  PPCondition: 5104,
  PPUserError: 5105,
  PPWarning: 5106,
  Syntax: 5201,
  UndeclaredIdent: 5202,
  TypeError: 5203,
  Redefinition: 5204,
  ConstExpr: 5205,
  Unsupported: 5206,
  Warning: 5207,
  Codegen: 5301,
  StackTooBig: 5302,
  TooComplex: 5303,
  Recursion: 5304,
} as const;
export type CDiag = (typeof CDiag)[keyof typeof CDiag];
