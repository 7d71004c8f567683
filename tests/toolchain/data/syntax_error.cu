// Does not compile: test_toolchain checks that clang's failure fails canopy cc.
__global__ void broken(int* p) { p[0] = ; }
