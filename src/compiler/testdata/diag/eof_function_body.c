// a function declarator at the end of the file, its body missing (clang points after the last token)
int count(int a, int b)
