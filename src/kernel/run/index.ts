/**
 * The kernel runtime's public entry: `createKernel`, the run types, contexts and the
 * context-access conversion. Provenance: our own code.
 */
export { createKernel, Kernel } from './kernel.ts';
export type { KernelOptions, LoadOptions, LoadedProgram, LoadResult, RunOptions, RunOutcome, RunEvent, MapReloc } from './kernel.ts';
export { buildContext, pointerFieldsFor, isSkbType } from './context.ts';
export { rewriteCtxAccess, LD_ABS_HELPER_BASE } from './ctxRewrite.ts';
export { parseMapSpec, dumpMap } from '../maps/index.ts';
export { objectMaps, createObjectMaps, linkProgram, indexMapRefs, loadObject } from './object.ts';
export type { ObjectMap, LinkedProgram, LoadObjectResult } from './object.ts';
