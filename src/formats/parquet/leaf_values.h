// The non-null values of one leaf in the columnar physical representation, and the conversion
// of Parquet physical values into it (LogicalTypes.md): INT96 -> int64 nanoseconds, FLOAT16 ->
// float32, decimals -> 128-bit little-endian, UUID -> canonical text, narrow integers, fixed
// byte arrays -> binary offsets. Everything here works on whole runs of values: no per-value
// virtual calls or allocations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "formats/parquet/encodings.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/columnar/array_data.h"
#include "s3c/columnar/buffer_builder.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

enum class ValueKind : uint8_t {
  kNull,          // UNKNOWN logical type: values are dropped
  kBool,          // one byte per value while decoding, a bitmap in Finish
  kCopy,          // the physical bytes are the columnar bytes
  kInt8,          // INT32 -> 8 bits (INT_8, UINT_8)
  kInt16,         // INT32 -> 16 bits
  kInt32Decimal,  // INT32 -> decimal128
  kInt64Decimal,  // INT64 -> decimal128
  kInt96,         // Julian day + nanoseconds of day -> int64 ns since the epoch
  kBytesDecimal,  // big-endian two's complement (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY) -> 128
  kFloat16,       // FIXED_LEN_BYTE_ARRAY(2) -> float32
  kUuid,          // FIXED_LEN_BYTE_ARRAY(16) -> 36 characters of text
  kFixedBinary,   // FIXED_LEN_BYTE_ARRAY -> binary / string
  kByteArray,     // BYTE_ARRAY -> binary / string
};

struct ValueConversion {
  ValueKind kind = ValueKind::kCopy;
  size_t in_width = 0;   // bytes per physical value; 0 for BYTE_ARRAY
  size_t out_width = 0;  // bytes per columnar value; 0 for binary outputs
  bool binary_out() const { return out_width == 0 && kind != ValueKind::kNull; }
};

ValueConversion ConversionFor(const LeafColumn& leaf);

class LeafValues {
 public:
  // Binary values are kept in segments of at most segment_bytes (<= 2^31 - 1, the int32
  // offsets of the columnar string and binary layouts).
  LeafValues(ValueConversion conversion, int64_t segment_bytes)
      : conv_(conversion), segment_bytes_(static_cast<size_t>(segment_bytes)) {}

  const ValueConversion& conversion() const { return conv_; }
  int64_t size() const;

  // n physical values of conversion().in_width bytes each.
  Status AppendFixed(const uint8_t* src, size_t n);
  // Variable-length physical values (BYTE_ARRAY, or FIXED_LEN_BYTE_ARRAY from
  // DELTA_BYTE_ARRAY, whose lengths must equal in_width).
  Status AppendBytes(const ByteArrayValues& values);
  // Booleans given one byte (0 or 1) per value.
  void AppendBools(const uint8_t* values, size_t n);
  // dictionary[indices[i]] for i < n; every index is below dictionary.size().
  Status AppendGathered(const LeafValues& dictionary, const uint32_t* indices, size_t n);

  // kByteArray: decoders append straight to this. Call MakeRoom with the byte size of the
  // input first.
  ByteArrayValues* binary() { return &binary_; }
  // When `more_bytes` would not fit in the open binary segment, closes it and starts a new one;
  // false when more_bytes is over a whole segment (append such values with AppendBytes, which
  // spreads them over segments).
  bool MakeRoom(size_t more_bytes);

  // Dense arrays of `type` (no validity) holding every value appended, in order: one array, or
  // one per binary segment when the values need more than one. Leaves this empty.
  std::vector<std::shared_ptr<columnar::ArrayData>> Finish(const columnar::DataType& type);

 private:
  void CloseSegment();
  Status AppendValue(std::string_view value);
  // Appends values[i] one by one, closing segments as they fill; Unimplemented for a value
  // larger than a segment.
  Status AppendEach(const ByteArrayValues& values);

  ValueConversion conv_;
  size_t segment_bytes_;
  columnar::BufferBuilder fixed_;
  ByteArrayValues binary_;               // the open segment
  std::vector<ByteArrayValues> closed_;  // full segments before it, in order
  int64_t closed_values_ = 0;            // values in closed_
  int64_t null_count_ = 0;               // kNull: values seen
};

}  // namespace s3c::formats::parquet
