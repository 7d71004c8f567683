// Exact, host-independent conversions between IEEE formats for literals and initializers. Everything is
// done on bit patterns with round-to-nearest-even, so no host FPU mode or flag can change a result.
#pragma once

#include <cstdint>

namespace canopy::ptx {

uint32_t f64_bits_to_f32_bits(uint64_t f64);
uint16_t f64_bits_to_f16_bits(uint64_t f64);
uint16_t f64_bits_to_bf16_bits(uint64_t f64);

// Widening conversions are exact.
uint64_t f32_bits_to_f64_bits(uint32_t f32);
uint32_t f16_bits_to_f32_bits(uint16_t f16);
inline uint32_t bf16_bits_to_f32_bits(uint16_t bf16) { return static_cast<uint32_t>(bf16) << 16; }

// int64 -> f64 bits, rounded to nearest even.
uint64_t int64_to_f64_bits(int64_t value);

}  // namespace canopy::ptx
