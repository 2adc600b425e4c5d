# Lesson 2: ALU and jumps. Return the larger of r1 and r2 in r0.
	r1 = 7
	r2 = 3
	r0 = r2
	exit
