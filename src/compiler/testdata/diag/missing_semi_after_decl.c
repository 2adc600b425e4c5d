// two declarations run together: the first needs its semicolon
int f(int a) int g;
