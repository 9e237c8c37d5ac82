// Bit packing as Parquet uses it (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid",
// note 1): values packed back to back, little-endian, least significant bit first. Groups of 8
// values of width w occupy exactly w bytes; groups of 32 occupy 4 * w bytes. The group functions
// are specialised per width (the hot path of every Parquet decode); callers guarantee the input
// holds the whole group.
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::formats::parquet::bitpack {

// 32-bit values, bit_width 0..32.
void Unpack32(const uint8_t* in, int bit_width, uint32_t* out);  // reads 4 * bit_width bytes
void Unpack8(const uint8_t* in, int bit_width, uint32_t* out);   // reads bit_width bytes
// Values must fit in bit_width bits (higher bits are masked off).
void Pack32(const uint32_t* in, int bit_width, uint8_t* out);  // writes 4 * bit_width bytes
void Pack8(const uint32_t* in, int bit_width, uint8_t* out);   // writes bit_width bytes

// 64-bit values (DELTA_BINARY_PACKED miniblocks), bit_width 0..64.
void Unpack32x64(const uint8_t* in, int bit_width, uint64_t* out);  // reads 4 * bit_width bytes
void Unpack8x64(const uint8_t* in, int bit_width, uint64_t* out);   // reads bit_width bytes
void Pack32x64(const uint64_t* in, int bit_width, uint8_t* out);
void Pack8x64(const uint64_t* in, int bit_width, uint8_t* out);

// Slow path for partial groups: n values starting at value index `first` of a packed stream
// that starts at `in`. Reads only the bytes those values occupy.
void UnpackRange(const uint8_t* in, int bit_width, size_t first, size_t n, uint32_t* out);

// Deprecated BIT_PACKED (Encodings.md "Bit-packed (Deprecated)"): most significant bit first.
// Reads ceil(n * bit_width / 8) bytes; bit_width 0..32.
void UnpackMsbFirst(const uint8_t* in, int bit_width, size_t n, uint32_t* out);

}  // namespace s3c::formats::parquet::bitpack
