# bpf_get_smp_processor_id on the CPU the test run was pinned to (0)
# @type xdp
# @packet udp dport=5001
  call 8
  exit
