/**
 * The kernel event generator's public surface (issue 6, second part). What the kernel runtime,
 * the CLI and the UI import:
 *
 *   createWorld({seed, cpus, workloads, durationNs, sampleHz}) → World
 *       iterate it (or world.next()) for SimEvents in time order; world.counts is the world's own
 *       tally; world.hookVerdict(eventId, value) answers an LSM event before the next pull;
 *       world.readUser(pid, addr, len) / world.readKernel(addr, len) back probe reads
 *   listAttachPoints()       the catalog for the attach-point picker (names, argument types, regs)
 *   TRACEPOINT_FORMATS, tracepointFormat, encodeRecord, parseFormatFile   tracepoint records
 *   symbolize, symbolTable   stack-trace addresses → func+off
 *   eventJSON, eventLine     stable serialisations
 *
 *   driveEvents(kernel, programs, world, opts)   run attached tracing programs on the events (drive.ts)
 *   loadTracingSource(file, text) / loadTracingObject(file, obj)   compile → verify → load, for it (load.ts)
 *
 * Provenance: our own.
 */
export { createWorld, createWorldResult, checkWorldOptions, World, type WorldOptions, type WorldCounts } from './world.ts';
export type { SimEvent, TracepointEvent, FunctionEvent, LsmEvent, PerfSampleEvent, TaskRef, PtRegs, EventBase } from './types.ts';
export {
  listAttachPoints, programKindsFor, rawTracepointOf, RAW_TRACEPOINTS, KERNEL_FUNCTIONS, LSM_HOOKS, USER_FUNCTIONS, ARG_REGS,
  type AttachPoint, type AttachKind, type ArgSpec, type PtReg,
} from './catalog.ts';
export {
  TRACEPOINT_FORMATS, SYSCALLS, tracepointFormat, encodeRecord, parseFormatFile,
  type TracepointFormat, type FormatField, type FieldValue, type SyscallProto,
} from './formats.ts';
export { WORKLOADS, type WorkloadName, EVIL_IP, EVIL_PORT } from './workloads.ts';
export { eventJSON, eventLine } from './serialize.ts';
export { symbolize, symbolTable, type Sym } from '../host/symbols.ts';
export { KSTRUCT_MEMBERS, PT_REGS_OFFSETS } from '../host/kobjects.ts';
export type { Op, Program } from './ops.ts';
export {
  driveEvents, resolveAttach, contextFor, TRACE_FLAGS,
  type DriveProgram, type DriveOptions, type DriveResult, type DriveBatch, type DriveRecord, type DriveProgramStats, type Attach,
} from './drive.ts';
export { loadTracingSource, loadTracingObject, type LoadedTracing, type LoadTracingResult, type LoadTracingOptions } from './load.ts';
