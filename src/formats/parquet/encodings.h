// Parquet value and level encodings (parquet-format Encodings.md), as pure functions over byte
// spans: decoders never read past the span they are given and report corruption as DataLoss
// with the byte offset inside that span (the caller adds the object name and page offset);
// encoders produce exactly what the spec describes, so any reader can decode them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// Variable-length values of one page or dictionary: value i is
// data[offsets[i], offsets[i + 1]). offsets always starts with 0.
struct ByteArrayValues {
  std::vector<int32_t> offsets{0};
  std::string data;

  size_t size() const { return offsets.size() - 1; }
  std::string_view operator[](size_t i) const {
    return std::string_view(data).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
  void Append(std::string_view v) {
    data.append(v);
    offsets.push_back(static_cast<int32_t>(data.size()));
  }
  void Clear() {
    offsets.assign(1, 0);
    data.clear();
  }
};

// Bits needed for values 0..max_value (0 for max_value 0).
int BitWidthFor(uint64_t max_value);

// ---- RLE / bit-packing hybrid (Encodings.md "Run Length Encoding / Bit-Packing Hybrid") ----
// The stream without its 4-byte length prefix. bit_width 0..32.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder(std::string_view data, int bit_width);
  // Decodes up to n values; returns how many (fewer than n only when the data ends).
  // DataLoss on a run header that overruns the data or a value wider than bit_width allows.
  Result<size_t> Decode(uint32_t* out, size_t n);
  // Bytes consumed so far.
  size_t position() const;

 private:
  Status NextRun();
  std::string_view data_;
  size_t pos_ = 0;
  int bit_width_;
  Status DecodePacked(uint32_t* out, size_t n);
  // Current run: an RLE run repeats value_ remaining_ times; a bit-packed run (its header at
  // byte run_start_) has remaining_ values left starting at value packed_index_ of packed_,
  // of which only the first packed_available_ have their bytes inside the data (the rest of a
  // truncated last run is an error only when asked for).
  bool rle_ = true;
  uint32_t value_ = 0;
  size_t remaining_ = 0;
  const uint8_t* packed_ = nullptr;
  size_t packed_index_ = 0;
  size_t packed_available_ = 0;
  size_t run_start_ = 0;
};

class RleBitPackedEncoder {
 public:
  explicit RleBitPackedEncoder(int bit_width);
  void Put(uint32_t value);
  void PutMany(const uint32_t* values, size_t n);
  // The encoded stream (no length prefix); the encoder is reset.
  std::string Finish();

 private:
  void EndRepeat();
  void FlushLiterals(bool final_group);
  void FlushRun();
  int bit_width_;
  std::string out_;
  std::vector<uint32_t> literals_;  // pending values not yet emitted
  uint32_t run_value_ = 0;
  size_t run_length_ = 0;
};

// ---- Levels ----
// v1 data page: levels at the start of `data` encoded as `encoding` (RLE with a 4-byte
// little-endian length prefix, or the deprecated BIT_PACKED, MSB first). Writes num_values
// levels to out and returns the bytes consumed. A level above max_level is DataLoss.
Result<size_t> DecodeLevelsV1(Encoding encoding, std::string_view data, int16_t max_level,
                              size_t num_values, int16_t* out);
// v2 data page: `data` is exactly the RLE level section (no length prefix).
Status DecodeLevelsV2(std::string_view data, int16_t max_level, size_t num_values, int16_t* out);
// RLE-encodes levels without a length prefix (v2); v1 writers prepend the 4-byte length.
// Empty when max_level is 0: such levels are not stored (the decoders above then read nothing).
std::string EncodeLevels(const int16_t* levels, size_t n, int16_t max_level);

// ---- PLAIN ----
// Fixed-width values (INT32, INT64, INT96 = 12, FLOAT, DOUBLE, FIXED_LEN_BYTE_ARRAY = type
// length): copies n * width bytes to out; returns the bytes consumed.
Result<size_t> DecodePlainFixed(std::string_view data, size_t n, size_t width, void* out);
// BOOLEAN: bit-packed, LSB first; out receives one byte (0 or 1) per value.
Result<size_t> DecodePlainBoolean(std::string_view data, size_t n, uint8_t* out);
// BYTE_ARRAY: 4-byte little-endian length then bytes, n times; appends to out.
Result<size_t> DecodePlainByteArray(std::string_view data, size_t n, ByteArrayValues* out);
std::string EncodePlainBoolean(const uint8_t* values, size_t n);
std::string EncodePlainByteArray(const ByteArrayValues& values);

// ---- Dictionary indices (RLE_DICTIONARY / PLAIN_DICTIONARY data pages) ----
// One byte of bit width, then an RLE/bit-packed stream. Writes n indices; an index >=
// dictionary_size is DataLoss.
Status DecodeDictionaryIndices(std::string_view data, size_t n, uint32_t dictionary_size,
                               uint32_t* out);
std::string EncodeDictionaryIndices(const uint32_t* indices, size_t n, uint32_t dictionary_size);

// ---- DELTA_BINARY_PACKED ----
// Decodes the whole stream (its header gives the count) into out (cleared first); returns the
// bytes consumed, padding of the last miniblock included. INT32 columns narrow the results:
// arithmetic is modulo 2^64, so truncation gives the 32-bit wrap-around the spec requires.
// max_values caps the header's count (DataLoss above it) so a corrupt header cannot allocate.
Result<size_t> DecodeDeltaBinaryPacked(std::string_view data, size_t max_values,
                                       std::vector<int64_t>* out);
// Block size 128, 4 miniblocks. The 32-bit variant computes deltas modulo 2^32 so that readers
// using 32-bit arithmetic decode it.
std::string EncodeDeltaBinaryPacked32(const int32_t* values, size_t n);
std::string EncodeDeltaBinaryPacked64(const int64_t* values, size_t n);

// ---- DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY ----
// Decode n values (appended to out); return the bytes consumed.
Result<size_t> DecodeDeltaLengthByteArray(std::string_view data, size_t n, ByteArrayValues* out);
Result<size_t> DecodeDeltaByteArray(std::string_view data, size_t n, ByteArrayValues* out);
std::string EncodeDeltaLengthByteArray(const ByteArrayValues& values);
std::string EncodeDeltaByteArray(const ByteArrayValues& values);

// ---- BYTE_STREAM_SPLIT (FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY) ----
// `data` holds exactly n * width bytes in `width` streams; out receives n values of width bytes.
Status DecodeByteStreamSplit(std::string_view data, size_t n, size_t width, void* out);
std::string EncodeByteStreamSplit(const void* values, size_t n, size_t width);

}  // namespace s3c::formats::parquet
