/**
 * The kernel as data (STYLE §3.7): the one place the verifier, the VM runtime, the compiler's
 * bundled headers and the editor read helper ids and prototypes, program-type rules (context
 * layout and access, helpers, return codes, section names) and map types from. Linux 6.18.
 *
 * Does: re-export the public tables and lookups of src/kernel/{helpers,progtypes,maps}.
 * Does not: implement helpers or maps, or simulate the host (later modules).
 *
 * Provenance: UAPI numbers, public documentation, and the running 6.18 kernel's own answers
 * recorded under src/kernel/testdata/ (probe_*.py); never GPL source.
 */

// helpers
export { helperName, helperId, BPF_FUNC_MAX_ID } from './helpers/names.ts';
export { HELPER_PROTOS, helperProto, helperProtoByName, helperProtoFor } from './helpers/protos.ts';
export type { HelperProto, ArgKinds } from './helpers/protos.ts';
export { argKind, retKind, hasFlag, isPointerArg, EXPECTED_TYPES, ARG_BASES, RET_BASES, TYPE_FLAGS } from './helpers/kinds.ts';
export type { ArgKind, RetKind, ArgBase, RetBase, TypeFlag, Kind } from './helpers/kinds.ts';
export { helpersForProgType, progTypeMayCall, progTypesForHelper } from './helpers/availability.ts';
export { C_PROTOS } from './helpers/cprotos.ts';
export { renderHelperDefs, helperDeclaration, forwardStructs } from './helpers/header.ts';

// program types
export { BPF_PROG_TYPE_NAMES, PROG_TYPES, progTypeId, progTypeName, isModelledProgType } from './progtypes/ids.ts';
export type { ProgTypeName } from './progtypes/ids.ts';
export {
  PROG_TYPE_INFO, exitRange, returnCodeName, progTypeForSection, progTypeForCli, CLI_TYPE_NAMES, MAX_ERRNO,
} from './progtypes/progTypes.ts';
export type { ProgTypeInfo, ReturnCode, SecDef, SectionMatch } from './progtypes/progTypes.ts';
export {
  XDP_MD, SK_BUFF, PT_REGS_X86_64, PERF_EVENT_DATA, RAW_TP_ARGS, MAX_BPF_FUNC_ARGS, PERF_MAX_TRACE_SIZE, fieldAt, fieldByName,
} from './progtypes/ctx.ts';
export type { CtxField, CtxStruct } from './progtypes/ctx.ts';
export { CTX_RULES, checkCtxAccess, writableFields } from './progtypes/access.ts';
export type { CtxRules, CtxValue, FieldRule, AccessSize, CtxAccessResult, CtxAccessOptions } from './progtypes/access.ts';

// maps
export {
  BPF_MAP_TYPE_NAMES, mapTypeId, mapTypeName, mapTypeDoc, isPerCpuMap, isProgReadOnlyMap, checkMapDef,
  mapHelperCompatible, mapTypesForHelper, DEFAULT_MAP_ENV,
  BPF_F_NO_PREALLOC, BPF_F_NO_COMMON_LRU, BPF_F_NUMA_NODE, BPF_F_RDONLY, BPF_F_WRONLY, BPF_F_RDONLY_PROG, BPF_F_WRONLY_PROG, BPF_F_MMAPABLE,
} from './maps/types.ts';
export type { MapTypeName, MapDef, MapEnv, MapDefResult } from './maps/types.ts';
export * from './run/index.ts';
