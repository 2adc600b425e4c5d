# __sk_buff fields as the tc test run sets them
# @type sched_cls
# @map res:array:4:8:32
# @packet udp dport=5001
  r6 = r1
  r0 = *(u32 *)(r6 + 0)
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls134
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls134:
  r0 = *(u32 *)(r6 + 4)
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls135
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls135:
  r0 = *(u32 *)(r6 + 8)
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls136
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls136:
  r0 = *(u32 *)(r6 + 12)
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls137
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls137:
  r0 = *(u32 *)(r6 + 16)
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls138
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls138:
  r0 = *(u32 *)(r6 + 20)
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls139
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls139:
  r0 = *(u32 *)(r6 + 32)
  *(u64 *)(r10 - 16) = r0
  r1 = 6
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls140
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls140:
  r0 = *(u32 *)(r6 + 36)
  *(u64 *)(r10 - 16) = r0
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls141
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls141:
  r0 = *(u32 *)(r6 + 40)
  *(u64 *)(r10 - 16) = r0
  r1 = 8
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls142
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls142:
  r0 = *(u32 *)(r6 + 44)
  *(u64 *)(r10 - 16) = r0
  r1 = 9
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls143
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls143:
  r0 = *(u32 *)(r6 + 68)
  *(u64 *)(r10 - 16) = r0
  r1 = 10
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls144
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls144:
  r0 = *(u32 *)(r6 + 72)
  *(u64 *)(r10 - 16) = r0
  r1 = 11
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls145
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls145:
  r0 = *(u32 *)(r6 + 84)
  *(u64 *)(r10 - 16) = r0
  r1 = 12
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls146
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls146:
  r0 = *(u32 *)(r6 + 160)
  *(u64 *)(r10 - 16) = r0
  r1 = 13
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls147
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls147:
  r0 = *(u32 *)(r6 + 164)
  *(u64 *)(r10 - 16) = r0
  r1 = 14
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls148
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls148:
  r0 = *(u32 *)(r6 + 176)
  *(u64 *)(r10 - 16) = r0
  r1 = 15
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls149
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls149:
  r2 = *(u32 *)(r6 + 76)
  r3 = *(u32 *)(r6 + 80)
  r0 = r3
  r0 -= r2
  *(u64 *)(r10 - 16) = r0
  r1 = 16
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls150
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls150:
  r2 = *(u32 *)(r6 + 140)
  r3 = *(u32 *)(r6 + 76)
  r0 = r3
  r0 -= r2
  *(u64 *)(r10 - 16) = r0
  r1 = 17
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls151
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls151:
  r0 = 0
  exit
