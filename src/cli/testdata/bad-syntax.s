r0 = 1
r0 +== 2
exit
