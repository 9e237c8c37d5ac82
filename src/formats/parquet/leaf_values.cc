#include "formats/parquet/leaf_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

#include "s3c/columnar/bit_util.h"
#include "s3c/columnar/decimal.h"

namespace s3c::formats::parquet {
namespace {

namespace col = ::s3c::columnar;
using col::Int128;
using UInt128 = unsigned __int128;

constexpr int64_t kJulianEpochDay = 2440588;  // 1970-01-01
constexpr int64_t kNanosPerDay = 86400LL * 1000 * 1000 * 1000;

// Big-endian two's complement of any length -> 128 bits; false when it does not fit.
bool BigEndianToInt128(const uint8_t* p, size_t n, Int128* out) {
  if (n == 0) {
    *out = 0;
    return true;
  }
  const uint8_t sign = (p[0] & 0x80) ? 0xff : 0x00;
  while (n > 16) {
    if (*p != sign) return false;
    ++p;
    --n;
  }
  if (n == 16 && ((p[0] & 0x80) ? 0xff : 0x00) != sign) return false;
  UInt128 v = sign ? ~UInt128{0} : 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  *out = static_cast<Int128>(v);
  return true;
}

float HalfToFloat(uint16_t h) {
  const uint32_t sign = (h >> 15) & 1;
  const uint32_t exponent = (h >> 10) & 0x1f;
  const uint32_t mantissa = h & 0x3ff;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);  // zero and subnormals, exact
  } else if (exponent == 31) {
    uint32_t bits = 0x7f800000u | (mantissa << 13);
    std::memcpy(&magnitude, &bits, 4);
  } else {
    uint32_t bits = ((exponent + 112) << 23) | (mantissa << 13);
    std::memcpy(&magnitude, &bits, 4);
  }
  return sign ? -magnitude : magnitude;
}

void AppendUuid(const uint8_t* p, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  char text[36];
  size_t t = 0;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text[t++] = '-';
    text[t++] = kHex[p[i] >> 4];
    text[t++] = kHex[p[i] & 15];
  }
  out->append(text, sizeof(text));
}

template <typename T>
void Gather(const uint8_t* dict, const uint32_t* indices, size_t n, uint8_t* out) {
  const T* d = reinterpret_cast<const T*>(dict);
  T* o = reinterpret_cast<T*>(out);
  for (size_t i = 0; i < n; ++i) std::memcpy(o + i, d + indices[i], sizeof(T));
}

struct Bytes16 {
  uint8_t b[16];
};

}  // namespace

ValueConversion ConversionFor(const LeafColumn& leaf) {
  ValueConversion c;
  const col::TypeId id = leaf.type.id();
  switch (leaf.physical_type) {
    case PhysicalType::kBoolean:
      c = {ValueKind::kBool, 1, 1};
      break;
    case PhysicalType::kInt32:
      c = {ValueKind::kCopy, 4, 4};
      if (id == col::TypeId::kInt8 || id == col::TypeId::kUInt8) c = {ValueKind::kInt8, 4, 1};
      if (id == col::TypeId::kInt16 || id == col::TypeId::kUInt16) c = {ValueKind::kInt16, 4, 2};
      if (id == col::TypeId::kDecimal128) c = {ValueKind::kInt32Decimal, 4, 16};
      break;
    case PhysicalType::kInt64:
      c = {ValueKind::kCopy, 8, 8};
      if (id == col::TypeId::kDecimal128) c = {ValueKind::kInt64Decimal, 8, 16};
      break;
    case PhysicalType::kInt96:
      c = {ValueKind::kInt96, 12, 8};
      break;
    case PhysicalType::kFloat:
      c = {ValueKind::kCopy, 4, 4};
      break;
    case PhysicalType::kDouble:
      c = {ValueKind::kCopy, 8, 8};
      break;
    case PhysicalType::kByteArray:
      c = {id == col::TypeId::kDecimal128 ? ValueKind::kBytesDecimal : ValueKind::kByteArray, 0,
           id == col::TypeId::kDecimal128 ? size_t{16} : size_t{0}};
      break;
    case PhysicalType::kFixedLenByteArray: {
      const size_t w = static_cast<size_t>(leaf.type_length);
      const bool uuid =
          leaf.element.logical_type && leaf.element.logical_type->kind == LogicalType::Kind::kUuid;
      if (id == col::TypeId::kDecimal128) {
        c = {ValueKind::kBytesDecimal, w, 16};
      } else if (id == col::TypeId::kFloat32) {
        c = {ValueKind::kFloat16, w, 4};
      } else if (uuid && id == col::TypeId::kString) {
        c = {ValueKind::kUuid, w, 0};
      } else {
        c = {ValueKind::kFixedBinary, w, 0};
      }
      break;
    }
  }
  if (id == col::TypeId::kNull) c = {ValueKind::kNull, c.in_width, 0};
  return c;
}

int64_t LeafValues::size() const {
  if (conv_.kind == ValueKind::kNull) return null_count_;
  if (conv_.out_width == 0) return closed_values_ + static_cast<int64_t>(binary_.size());
  return fixed_.size() / static_cast<int64_t>(conv_.out_width);
}

void LeafValues::CloseSegment() {
  closed_values_ += static_cast<int64_t>(binary_.size());
  closed_.push_back(std::move(binary_));
  binary_ = ByteArrayValues();
}

bool LeafValues::MakeRoom(size_t more_bytes) {
  if (more_bytes > segment_bytes_) return false;
  if (binary_.data.size() + more_bytes > segment_bytes_) CloseSegment();
  return true;
}

Status LeafValues::AppendValue(std::string_view value) {
  if (!MakeRoom(value.size())) {
    return UnimplementedError(
        fmt::format("a binary/string value of {} bytes, more than one array holds ({})",
                    value.size(), segment_bytes_));
  }
  binary_.Append(value);
  return Status::OK();
}

Status LeafValues::AppendEach(const ByteArrayValues& values) {
  for (size_t i = 0; i < values.size(); ++i) S3C_RETURN_IF_ERROR(AppendValue(values[i]));
  return Status::OK();
}

Status LeafValues::AppendFixed(const uint8_t* src, size_t n) {
  const size_t in = conv_.in_width;
  const int64_t out_bytes = static_cast<int64_t>(n * conv_.out_width);
  if (conv_.out_width > 0) fixed_.Reserve(out_bytes);
  uint8_t* out = fixed_.mutable_data() + fixed_.size();
  switch (conv_.kind) {
    case ValueKind::kNull:
      null_count_ += static_cast<int64_t>(n);
      return Status::OK();
    case ValueKind::kBool:
    case ValueKind::kCopy:
      fixed_.UnsafeAppend(src, out_bytes);
      return Status::OK();
    case ValueKind::kInt8:
      for (size_t i = 0; i < n; ++i) out[i] = src[4 * i];  // low byte, little-endian
      break;
    case ValueKind::kInt16:
      for (size_t i = 0; i < n; ++i) std::memcpy(out + 2 * i, src + 4 * i, 2);
      break;
    case ValueKind::kInt32Decimal:
      for (size_t i = 0; i < n; ++i) {
        int32_t v;
        std::memcpy(&v, src + 4 * i, 4);
        Int128 w = v;
        std::memcpy(out + 16 * i, &w, 16);
      }
      break;
    case ValueKind::kInt64Decimal:
      for (size_t i = 0; i < n; ++i) {
        int64_t v;
        std::memcpy(&v, src + 8 * i, 8);
        Int128 w = v;
        std::memcpy(out + 16 * i, &w, 16);
      }
      break;
    case ValueKind::kInt96:
      for (size_t i = 0; i < n; ++i) {
        int64_t nanos;  // of the day; read signed so out-of-range writers' values match DuckDB
        uint32_t day;
        std::memcpy(&nanos, src + 12 * i, 8);
        std::memcpy(&day, src + 12 * i + 8, 4);
        // Microseconds (logical_type_mapping.cc); modulo 2^64 for days beyond +-292,000 years.
        uint64_t v = static_cast<uint64_t>(static_cast<int64_t>(day) - kJulianEpochDay) *
                         static_cast<uint64_t>(kNanosPerDay / 1000) +
                     static_cast<uint64_t>(nanos / 1000);
        std::memcpy(out + 8 * i, &v, 8);
      }
      break;
    case ValueKind::kBytesDecimal:
      for (size_t i = 0; i < n; ++i) {
        Int128 v;
        if (!BigEndianToInt128(src + in * i, in, &v)) {
          return DataLossError("decimal value wider than 128 bits");
        }
        std::memcpy(out + 16 * i, &v, 16);
      }
      break;
    case ValueKind::kFloat16:
      for (size_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, src + 2 * i, 2);
        float f = HalfToFloat(h);
        std::memcpy(out + 4 * i, &f, 4);
      }
      break;
    case ValueKind::kUuid:
    case ValueKind::kFixedBinary: {
      const size_t each = conv_.kind == ValueKind::kUuid ? 36 : in;
      for (size_t i = 0; i < n;) {
        // As many values as the open segment holds; the rest go to the next segment.
        size_t m = n - i;
        if (each > 0) {
          if (!MakeRoom(each)) {
            return UnimplementedError(
                fmt::format("a fixed-size value of {} bytes, more than one array holds", each));
          }
          m = std::min(m, (segment_bytes_ - binary_.data.size()) / each);
        }
        binary_.data.reserve(binary_.data.size() + m * each);
        binary_.offsets.reserve(binary_.offsets.size() + m);
        for (const size_t end = i + m; i < end; ++i) {
          if (conv_.kind == ValueKind::kUuid) {
            AppendUuid(src + 16 * i, &binary_.data);
          } else {
            binary_.data.append(reinterpret_cast<const char*>(src + in * i), in);
          }
          binary_.offsets.push_back(static_cast<int32_t>(binary_.data.size()));
        }
      }
      return Status::OK();
    }
    case ValueKind::kByteArray:
      return InternalError("fixed-width values for a BYTE_ARRAY column");
  }
  fixed_.UnsafeAdvance(out_bytes);
  return Status::OK();
}

Status LeafValues::AppendBytes(const ByteArrayValues& values) {
  const size_t n = values.size();
  switch (conv_.kind) {
    case ValueKind::kNull:
      null_count_ += static_cast<int64_t>(n);
      return Status::OK();
    case ValueKind::kByteArray: {
      if (values.data.size() > segment_bytes_ - binary_.data.size()) return AppendEach(values);
      const int32_t base = static_cast<int32_t>(binary_.data.size());
      binary_.data.append(values.data);
      binary_.offsets.reserve(binary_.offsets.size() + n);
      for (size_t i = 1; i <= n; ++i) binary_.offsets.push_back(base + values.offsets[i]);
      return Status::OK();
    }
    case ValueKind::kBytesDecimal:
      if (conv_.in_width == 0) {
        fixed_.Reserve(static_cast<int64_t>(16 * n));
        for (size_t i = 0; i < n; ++i) {
          std::string_view v = values[i];
          Int128 d;
          if (!BigEndianToInt128(reinterpret_cast<const uint8_t*>(v.data()), v.size(), &d)) {
            return DataLossError("decimal value wider than 128 bits");
          }
          fixed_.UnsafeAppend(&d, 16);
        }
        return Status::OK();
      }
      break;
    default:
      break;
  }
  if (conv_.in_width == 0) return InternalError("byte arrays for a fixed-width column");
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<size_t>(values.offsets[i + 1] - values.offsets[i]) != conv_.in_width) {
      return DataLossError(fmt::format("value {} of a FIXED_LEN_BYTE_ARRAY({}) has {} bytes", i,
                                       conv_.in_width, values.offsets[i + 1] - values.offsets[i]));
    }
  }
  return AppendFixed(reinterpret_cast<const uint8_t*>(values.data.data()), n);
}

void LeafValues::AppendBools(const uint8_t* values, size_t n) {
  fixed_.Append(values, static_cast<int64_t>(n));
}

Status LeafValues::AppendGathered(const LeafValues& dict, const uint32_t* indices, size_t n) {
  if (conv_.kind == ValueKind::kNull) {
    null_count_ += static_cast<int64_t>(n);
    return Status::OK();
  }
  if (conv_.out_width == 0) {
    // A dictionary is one page (its size an i32), so it is one segment.
    if (!dict.closed_.empty()) return InternalError("dictionary of several binary segments");
    const ByteArrayValues& d = dict.binary_;
    size_t total = 0;
    for (size_t i = 0; i < n; ++i) {
      total += static_cast<size_t>(d.offsets[indices[i] + 1] - d.offsets[indices[i]]);
    }
    if (total > segment_bytes_ - binary_.data.size()) {
      for (size_t i = 0; i < n; ++i) S3C_RETURN_IF_ERROR(AppendValue(d[indices[i]]));
      return Status::OK();
    }
    size_t pos = binary_.data.size();
    binary_.data.resize(pos + total);
    const size_t first = binary_.offsets.size();
    binary_.offsets.resize(first + n);
    char* data = binary_.data.data();
    int32_t* offsets = binary_.offsets.data() + first;
    for (size_t i = 0; i < n; ++i) {
      const int32_t begin = d.offsets[indices[i]];
      const auto length = static_cast<size_t>(d.offsets[indices[i] + 1] - begin);
      std::memcpy(data + pos, d.data.data() + begin, length);
      pos += length;
      offsets[i] = static_cast<int32_t>(pos);
    }
    return Status::OK();
  }
  const size_t w = conv_.out_width;
  fixed_.Reserve(static_cast<int64_t>(n * w));
  uint8_t* out = fixed_.mutable_data() + fixed_.size();
  const uint8_t* src = dict.fixed_.data();
  switch (w) {
    case 1:
      Gather<uint8_t>(src, indices, n, out);
      break;
    case 2:
      Gather<uint16_t>(src, indices, n, out);
      break;
    case 4:
      Gather<uint32_t>(src, indices, n, out);
      break;
    case 8:
      Gather<uint64_t>(src, indices, n, out);
      break;
    case 16:
      Gather<Bytes16>(src, indices, n, out);
      break;
    default:
      for (size_t i = 0; i < n; ++i) std::memcpy(out + i * w, src + indices[i] * w, w);
  }
  fixed_.UnsafeAdvance(static_cast<int64_t>(n * w));
  return Status::OK();
}

std::vector<std::shared_ptr<col::ArrayData>> LeafValues::Finish(const col::DataType& type) {
  const int64_t n = size();
  if (conv_.kind == ValueKind::kNull) {
    null_count_ = 0;
    return {col::ArrayData::Make(type, n, {}, n)};
  }
  if (conv_.kind == ValueKind::kBool) {
    auto bits = col::Buffer::Allocate(col::bit_util::BytesForBits(n));
    uint8_t* b = bits->mutable_data();
    const uint8_t* v = fixed_.data();
    for (int64_t i = 0; i < n; ++i) {
      if (v[i]) col::bit_util::SetBit(b, i);
    }
    fixed_.Reset();
    return {col::ArrayData::Make(type, n, {nullptr, std::move(bits)}, 0)};
  }
  if (conv_.out_width > 0) {
    return {col::ArrayData::Make(type, n, {nullptr, fixed_.Finish()}, 0)};
  }
  if (binary_.size() > 0 || closed_.empty()) CloseSegment();
  std::vector<std::shared_ptr<col::ArrayData>> out;
  for (ByteArrayValues& segment : closed_) {
    auto owner = std::make_shared<ByteArrayValues>(std::move(segment));
    const auto values = static_cast<int64_t>(owner->size());
    auto offsets = col::Buffer::Wrap(owner->offsets.data(),
                                     static_cast<int64_t>(owner->offsets.size() * 4), owner);
    auto data =
        col::Buffer::Wrap(owner->data.data(), static_cast<int64_t>(owner->data.size()), owner);
    out.push_back(
        col::ArrayData::Make(type, values, {nullptr, std::move(offsets), std::move(data)}, 0));
  }
  closed_.clear();
  closed_values_ = 0;
  return out;
}

}  // namespace s3c::formats::parquet
