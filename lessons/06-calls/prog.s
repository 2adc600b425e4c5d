# Lesson 6: bpf-to-bpf calls. main calls square(5), which returns its argument squared.
main:
	r6 = 5
	call square
	exit
square:
	r0 = r6
	r0 *= r6
	exit
