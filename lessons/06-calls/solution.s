# Lesson 6: bpf-to-bpf calls. main calls square(5), which returns its argument squared.
main:
	r6 = 5
	r1 = r6
	call square
	exit
square:
	r0 = r1
	r0 *= r1
	exit
