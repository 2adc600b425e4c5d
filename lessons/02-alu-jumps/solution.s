# Lesson 2: ALU and jumps. Return the larger of r1 and r2 in r0.
	r1 = 7
	r2 = 3
	r0 = r2
	if r2 >= r1 goto done
	r0 = r1
done:
	exit
