/**
 * Bundled headers, part 5: the two helper headers nearly every libbpf-tools program includes
 * (`#include "maps.bpf.h"`, `#include "bits.bpf.h"`), so such sources compile as they are.
 *
 * Our own text with the same names and meanings: bpf_map_lookup_or_try_init (look up, else
 * insert the initial value unless someone else just did, then look up again), log2/log2l
 * (floor of the base-2 logarithm, 0 for 0 and 1, by halving search), READ_ONCE/WRITE_ONCE.
 * Does not: the rest of libbpf-tools' private headers (core_fixes.bpf.h, the tools' own .h).
 */

export const MAPS_BPF_H = `#pragma once
#include <bpf/bpf_helpers.h>

static __always_inline void *bpf_map_lookup_or_try_init(void *map, const void *key, const void *init)
{
  void *val;
  long err;

  val = bpf_map_lookup_elem(map, key);
  if (val)
    return val;
  err = bpf_map_update_elem(map, key, init, BPF_NOEXIST);
  if (err && err != -17 /* -EEXIST: another CPU inserted it first */)
    return 0;
  return bpf_map_lookup_elem(map, key);
}
`;

export const BITS_BPF_H = `#pragma once

#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val) ((*(volatile typeof(x) *)&(x)) = (val))

/* floor(log2(v)) for a 32-bit value: narrow the top set bit by halves */
static __always_inline unsigned long long log2(unsigned int v)
{
  unsigned int shift, r;

  r = (v > 0xFFFF) << 4; v >>= r;
  shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
  shift = (v > 0xF) << 2; v >>= shift; r |= shift;
  shift = (v > 0x3) << 1; v >>= shift; r |= shift;
  r |= (v >> 1);
  return r;
}

static __always_inline unsigned long long log2l(unsigned long long v)
{
  unsigned int hi = v >> 32;

  if (hi)
    return log2(hi) + 32;
  else
    return log2(v);
}
`;
