# test_runtime: drives libcanopy_cudart's C API like a compiled CUDA program (fat binaries registered by
# hand, kernels compiled from PTX at test time), plus the device's mapped host memory.
canopy_layer_tests(runtime canopy_cudart_static canopy_compiler)
