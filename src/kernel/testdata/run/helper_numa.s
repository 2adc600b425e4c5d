# bpf_get_numa_node_id is 0 on a one-node machine
# @type xdp
# @packet udp dport=5001
  call 42
  exit
