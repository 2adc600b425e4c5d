/**
 * The simulated world's public surface (first part: the virtual NIC's packets). What the kernel
 * runtime, the CLI and the UI import:
 *
 *   buildPacket / buildPacketResult   PacketSpec → Ethernet frame bytes (checksums filled)
 *   dissect                           bytes → layers, fields with byte ranges, checksum status,
 *                                     tcpdump's one-line summary
 *   readCapture / writePcap / PcapWriter
 *                                     libpcap read/write, pcapng read, errors with file offsets
 *   createScenario / scenarioNames    seeded traffic: packets {timestampNs, ifindex, rxQueue,
 *                                     bytes} and the scenario's own counts
 *   INTERFACES                        lo, eth0, eth1
 *   Rng                               the seeded PRNG everything in src/sim draws from
 *
 *   drivePackets / drivePacketsAsync  a scenario or capture through a loaded program at its
 *                                     attach point: verdicts, TX, redirects, AF_XDP and packet
 *                                     sockets, samples, progress, cancel (nic/drive.ts)
 *   writePcapng / PcapngWriter        pcapng out
 *
 * Provenance: our own code.
 */
export { Rng, hash32, type Seed } from './rng.ts';
export { parseMac, formatMac, parseIPv4, formatIPv4, parseIPv6, formatIPv6, parseIP } from './nic/addr.ts';
export { checksum, sum16, addSums, pseudoSum4, pseudoSum6 } from './nic/checksum.ts';
export * from './nic/spec.ts';
export { buildPacket, buildPacketResult } from './nic/build.ts';
export {
  dissect, LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6,
  type Dissection, type Layer, type Field, type ChecksumStatus,
} from './nic/dissect.ts';
export { tcpFlagString } from './nic/dissectL4.ts';
export {
  readCapture, readPcap, writePcap, PcapWriter,
  type Capture, type CapturedPacket, type CaptureResult, type PcapWriteOptions, type PacketToWrite,
} from './nic/pcap.ts';
export { readPcapng, writePcapng, PcapngWriter, type PcapngWriteOptions } from './nic/pcapng.ts';
export {
  drivePackets, drivePacketsAsync, createDrive, mirrorFrame,
  type DriveOptions, type DriveResult, type DriveProgress, type PacketSample, type InterfaceStats, type XskSocket, type Frame,
} from './nic/drive.ts';
export { packetsFromCapture } from './nic/replay.ts';
export {
  INTERFACES, NEIGHBOURS, IFINDEX_LO, IFINDEX_ETH0, IFINDEX_ETH1, interfaceByName, interfaceByIndex, rssQueue,
  type NetIf,
} from './nic/interfaces.ts';
export { dnsQuery, dnsResponse, httpGet, iperfDatagram, tlsRecord } from './nic/payloads.ts';
export {
  createScenario, scenarioNames, scenarioDef, DEFAULT_START_NS,
  type Scenario, type ScenarioOptions, type ScenarioCounts, type SimPacket, type Intent, type TimedIntent,
} from './nic/scenario.ts';
export * from './events/index.ts';
