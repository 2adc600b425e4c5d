# Lesson 1: registers. Make the program return 42 in r0.
	r1 = 6
	r2 = 7
	r0 = 0
	exit
