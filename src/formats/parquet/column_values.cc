#include "formats/parquet/column_values.h"

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"

namespace s3c::formats::parquet {

namespace {

using columnar::TypeId;

template <typename Out, typename ArrayT, typename F>
void GatherNumeric(const ShreddedLeaf& s, std::vector<Out>* out, F convert) {
  const auto& a = static_cast<const ArrayT&>(*s.values);
  const auto* raw = a.raw_values();
  int64_t n = s.num_values();
  out->resize(static_cast<size_t>(n));
  Out* dst = out->data();
  if (s.dense) {
    const auto* src = raw + s.dense_begin;
    for (int64_t k = 0; k < n; ++k) dst[k] = convert(src[k]);
  } else {
    const int64_t* idx = s.value_indices.data();
    for (int64_t k = 0; k < n; ++k) dst[k] = convert(raw[idx[k]]);
  }
}

template <typename Out, typename ArrayT>
void GatherSame(const ShreddedLeaf& s, std::vector<Out>* out) {
  GatherNumeric<Out, ArrayT>(s, out, [](auto v) { return static_cast<Out>(v); });
}

template <typename ArrayT>
void GatherBytes(const ShreddedLeaf& s, std::vector<std::string_view>* out) {
  const auto& a = static_cast<const ArrayT&>(*s.values);
  int64_t n = s.num_values();
  out->resize(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) (*out)[static_cast<size_t>(k)] = a.GetView(s.value_index(k));
}

// Big-endian two's complement in `width` bytes (LogicalTypes.md "DECIMAL").
void GatherDecimalFixed(const ShreddedLeaf& s, int32_t width, PhysicalValues* out) {
  const auto& a = static_cast<const columnar::Decimal128Array&>(*s.values);
  int64_t n = s.num_values();
  out->scratch.resize(static_cast<size_t>(n * width));
  char* p = out->scratch.data();
  for (int64_t k = 0; k < n; ++k) {
    auto v = static_cast<unsigned __int128>(a.Value(s.value_index(k)));
    for (int32_t b = width - 1; b >= 0; --b) {
      p[b] = static_cast<char>(static_cast<uint8_t>(v));
      v >>= 8;
    }
    p += width;
  }
  out->bytes.resize(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) {
    out->bytes[static_cast<size_t>(k)] =
        std::string_view(out->scratch.data() + k * width, static_cast<size_t>(width));
  }
}

template <typename Out>
void GatherDecimalNarrow(const ShreddedLeaf& s, std::vector<Out>* out) {
  const auto& a = static_cast<const columnar::Decimal128Array&>(*s.values);
  int64_t n = s.num_values();
  out->resize(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) {
    (*out)[static_cast<size_t>(k)] = static_cast<Out>(a.Value(s.value_index(k)));
  }
}

}  // namespace

void PhysicalValues::Clear() {
  bools.clear();
  i32.clear();
  i64.clear();
  f32.clear();
  f64.clear();
  bytes.clear();
  scratch.clear();
}

void GatherValues(const ParquetLeaf& leaf, const ShreddedLeaf& s, PhysicalValues* out) {
  out->Clear();
  const columnar::DataType& t = leaf.type;
  bool seconds = (t.id() == TypeId::kTime32 || t.id() == TypeId::kTimestamp) &&
                 t.unit() == columnar::TimeUnit::kSecond;
  switch (t.id()) {
    case TypeId::kNull:
      return;
    case TypeId::kBool: {
      const auto& a = static_cast<const columnar::BooleanArray&>(*s.values);
      int64_t n = s.num_values();
      out->bools.resize(static_cast<size_t>(n));
      for (int64_t k = 0; k < n; ++k)
        out->bools[static_cast<size_t>(k)] = a.Value(s.value_index(k));
      return;
    }
    case TypeId::kInt8:
      return GatherSame<int32_t, columnar::Int8Array>(s, &out->i32);
    case TypeId::kInt16:
      return GatherSame<int32_t, columnar::Int16Array>(s, &out->i32);
    case TypeId::kInt32:
      return GatherSame<int32_t, columnar::Int32Array>(s, &out->i32);
    case TypeId::kUInt8:
      return GatherSame<int32_t, columnar::UInt8Array>(s, &out->i32);
    case TypeId::kUInt16:
      return GatherSame<int32_t, columnar::UInt16Array>(s, &out->i32);
    case TypeId::kUInt32:
      return GatherSame<int32_t, columnar::UInt32Array>(s, &out->i32);
    case TypeId::kDate32:
      return GatherSame<int32_t, columnar::Date32Array>(s, &out->i32);
    case TypeId::kTime32:
      if (seconds) {
        return GatherNumeric<int32_t, columnar::Time32Array>(
            s, &out->i32, [](int32_t v) { return static_cast<int32_t>(v * 1000); });
      }
      return GatherSame<int32_t, columnar::Time32Array>(s, &out->i32);
    case TypeId::kInt64:
      return GatherSame<int64_t, columnar::Int64Array>(s, &out->i64);
    case TypeId::kUInt64:
      return GatherSame<int64_t, columnar::UInt64Array>(s, &out->i64);
    case TypeId::kTime64:
      return GatherSame<int64_t, columnar::Time64Array>(s, &out->i64);
    case TypeId::kTimestamp:
      if (seconds) {
        // Modulo 2^64 like the value itself would overflow; seconds beyond +-9.2e15 do not fit.
        return GatherNumeric<int64_t, columnar::TimestampArray>(s, &out->i64, [](int64_t v) {
          return static_cast<int64_t>(static_cast<uint64_t>(v) * 1000u);
        });
      }
      return GatherSame<int64_t, columnar::TimestampArray>(s, &out->i64);
    case TypeId::kFloat32:
      return GatherSame<float, columnar::Float32Array>(s, &out->f32);
    case TypeId::kFloat64:
      return GatherSame<double, columnar::Float64Array>(s, &out->f64);
    case TypeId::kDecimal128:
      if (leaf.physical_type == PhysicalType::kInt32) return GatherDecimalNarrow(s, &out->i32);
      if (leaf.physical_type == PhysicalType::kInt64) return GatherDecimalNarrow(s, &out->i64);
      return GatherDecimalFixed(s, leaf.type_length, out);
    case TypeId::kString:
      return GatherBytes<columnar::StringArray>(s, &out->bytes);
    case TypeId::kBinary:
      return GatherBytes<columnar::BinaryArray>(s, &out->bytes);
    case TypeId::kLargeString:
      return GatherBytes<columnar::LargeStringArray>(s, &out->bytes);
    default:
      return;
  }
}

}  // namespace s3c::formats::parquet
