// Format strings shared by the device kernels (printf_kernels.cu) and the host references
// (printf_kernel_test.cpp): the test formats the same values with the host's printf.
#pragma once

#define FMT_INT "d=%d i=%i w=[%6d] l=[%-6d] p=%+d s=[% d] z=%06d pr=%.4d wp=[%8.3d] m=[%-+8.3d]\n"
#define FMT_UNSIGNED "u=%u x=%x X=%X hx=%#x HX=%#X o=%o ho=%#o zx=%08x\n"
#define FMT_LENGTH "hd=%hd hhd=%hhd hu=%hu hhx=%hhx ld=%ld lld=%lld llu=%llu lx=%lx zu=%zu td=%td jd=%jd\n"
#define FMT_CHAR_STRING "c=%c w=[%4c] l=[%-4c] s=%s ws=[%12s] ls=[%-12s] ps=%.3s wps=[%8.2s]\n"
#define FMT_POINTER "p=%p w=[%24p] l=[%-24p]\n"
#define FMT_FLOAT "f=%f F=%F e=%e E=%E g=%g G=%G a=%a A=%A\n"
#define FMT_FLOAT_FLAGS "p=%.3f w=[%12.4f] l=[%-12.2e] plus=%+f sp=[% f] hash=%#g h0=%#.0f z=%012.3f lf=%lf g=%.10g\n"
#define FMT_STAR "w=[%*d] l=[%-*d] n=[%*d] pr=%.*f\n"
#define FMT_PERCENT "100%% done %5.1f%%\n"
