#include "formats/parquet/statistics_decoder.h"

#include <cmath>
#include <cstring>

namespace s3c::formats::parquet {
namespace {

using columnar::TypeId;

template <typename T>
bool LoadLe(std::string_view bytes, T* out) {
  if (bytes.size() != sizeof(T)) return false;
  std::memcpy(out, bytes.data(), sizeof(T));  // Parquet PLAIN is little-endian, as is the host
  return true;
}

// Big-endian two's complement (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals) that fits 64 bits.
bool LoadBigEndianSigned(std::string_view bytes, int64_t* out) {
  if (bytes.empty() || bytes.size() > 8) return false;
  uint64_t v = (static_cast<uint8_t>(bytes[0]) & 0x80) ? ~uint64_t{0} : 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  *out = static_cast<int64_t>(v);
  return true;
}

// IEEE 754 half precision (LogicalTypes.md FLOAT16: 2-byte little-endian).
double HalfToDouble(uint16_t h) {
  const int sign = (h >> 15) & 1;
  const int exp = (h >> 10) & 0x1f;
  const int frac = h & 0x3ff;
  double v;
  if (exp == 0) {
    v = std::ldexp(frac, -24);
  } else if (exp == 31) {
    v = frac == 0 ? INFINITY : NAN;
  } else {
    v = std::ldexp(frac + 1024, exp - 25);
  }
  return sign ? -v : v;
}

// The Parquet unit of an INT64 timestamp or time leaf.
std::optional<columnar::TimeUnit> ParquetUnit(const SchemaElement& e) {
  if (e.logical_type && (e.logical_type->kind == LogicalType::Kind::kTimestamp ||
                         e.logical_type->kind == LogicalType::Kind::kTime)) {
    switch (e.logical_type->unit) {
      case TimeUnitKind::kMillis:
        return columnar::TimeUnit::kMilli;
      case TimeUnitKind::kMicros:
        return columnar::TimeUnit::kMicro;
      case TimeUnitKind::kNanos:
        return columnar::TimeUnit::kNano;
    }
  }
  if (e.converted_type == ConvertedType::kTimestampMillis ||
      e.converted_type == ConvertedType::kTimeMillis) {
    return columnar::TimeUnit::kMilli;
  }
  if (e.converted_type == ConvertedType::kTimestampMicros ||
      e.converted_type == ConvertedType::kTimeMicros) {
    return columnar::TimeUnit::kMicro;
  }
  return std::nullopt;
}

// Rescales v from unit `from` to `to`; false on overflow or when dividing would lose the bound.
bool Rescale(int64_t v, columnar::TimeUnit from, columnar::TimeUnit to, int64_t* out) {
  const int64_t f = columnar::UnitsPerSecond(from);
  const int64_t t = columnar::UnitsPerSecond(to);
  if (f == t) {
    *out = v;
    return true;
  }
  if (t > f) return !__builtin_mul_overflow(v, t / f, out);
  // A coarser unit would round the bound: not a safe bound in both directions.
  return false;
}

bool IsFloat16(const LeafColumn& leaf) {
  return leaf.element.logical_type &&
         leaf.element.logical_type->kind == LogicalType::Kind::kFloat16;
}

// Signed integer payload of an INT32 / INT64 leaf.
bool LoadSignedInt(const LeafColumn& leaf, std::string_view bytes, int64_t* out) {
  if (leaf.physical_type == PhysicalType::kInt32) {
    int32_t v;
    if (!LoadLe(bytes, &v)) return false;
    *out = v;
    return true;
  }
  if (leaf.physical_type == PhysicalType::kInt64) return LoadLe(bytes, out);
  return false;
}

}  // namespace

StatValue DecodeStatBound(const LeafColumn& leaf, std::string_view bytes) {
  const columnar::DataType& type = leaf.type;
  const PhysicalType pt = leaf.physical_type;
  switch (type.id()) {
    case TypeId::kBool: {
      if (pt != PhysicalType::kBoolean || bytes.size() != 1) return {};
      return bytes[0] != 0;
    }
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDate32: {
      int64_t v;
      if (!LoadSignedInt(leaf, bytes, &v)) return {};
      return v;
    }
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: {
      if (pt == PhysicalType::kInt32) {
        uint32_t v;
        if (!LoadLe(bytes, &v)) return {};
        return static_cast<uint64_t>(v);
      }
      uint64_t v;
      if (pt != PhysicalType::kInt64 || !LoadLe(bytes, &v)) return {};
      return v;
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      if (pt == PhysicalType::kFloat) {
        float v;
        if (!LoadLe(bytes, &v)) return {};
        return static_cast<double>(v);
      }
      if (pt == PhysicalType::kDouble) {
        double v;
        if (!LoadLe(bytes, &v)) return {};
        return v;
      }
      if (pt == PhysicalType::kFixedLenByteArray && IsFloat16(leaf) && bytes.size() == 2) {
        uint16_t h;
        LoadLe(bytes, &h);
        return HalfToDouble(h);
      }
      return {};
    }
    case TypeId::kDecimal128: {
      if (type.precision() > 18) return {};
      int64_t v;
      if (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64) {
        if (!LoadSignedInt(leaf, bytes, &v)) return {};
        return v;
      }
      if (pt == PhysicalType::kFixedLenByteArray || pt == PhysicalType::kByteArray) {
        if (!LoadBigEndianSigned(bytes, &v)) return {};
        return v;
      }
      return {};
    }
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp: {
      int64_t v;
      if (!LoadSignedInt(leaf, bytes, &v)) return {};  // INT96 timestamps have no order
      auto unit = ParquetUnit(leaf.element);
      if (!unit) return v;
      int64_t scaled;
      if (!Rescale(v, *unit, type.unit(), &scaled)) return {};
      return scaled;
    }
    case TypeId::kString:
    case TypeId::kLargeString:
    case TypeId::kBinary: {
      if (pt != PhysicalType::kByteArray && pt != PhysicalType::kFixedLenByteArray) return {};
      return std::string(bytes);
    }
    default:
      return {};
  }
}

bool SignedOrderIsValueOrder(const LeafColumn& leaf) {
  const PhysicalType pt = leaf.physical_type;
  const TypeId id = leaf.type.id();
  const bool numeric_physical = pt == PhysicalType::kBoolean || pt == PhysicalType::kFloat ||
                                pt == PhysicalType::kDouble || pt == PhysicalType::kInt32 ||
                                pt == PhysicalType::kInt64;
  const bool is_unsigned = columnar::IsInteger(id) && !columnar::IsSignedInteger(id);
  return numeric_physical && !is_unsigned;
}

void SetStatBounds(const LeafColumn& leaf, std::string_view min, std::string_view max,
                   ColumnStatistics* out) {
  StatValue lo = DecodeStatBound(leaf, min);
  StatValue hi = DecodeStatBound(leaf, max);
  if (std::holds_alternative<std::monostate>(lo) || std::holds_alternative<std::monostate>(hi)) {
    return;
  }
  if (auto* d = std::get_if<double>(&lo)) {
    const double h = std::get<double>(hi);
    if (std::isnan(*d) || std::isnan(h)) return;
    if (*d == 0.0) lo = -0.0;
    if (h == 0.0) hi = 0.0;
  }
  out->min = std::move(lo);
  out->max = std::move(hi);
}

ColumnStatistics DecodeColumnStatistics(const LeafColumn& leaf, const ColumnChunk& chunk,
                                        bool type_defined_order) {
  ColumnStatistics out;
  out.path = leaf.path;
  out.type = leaf.type;
  if (!chunk.meta_data) return out;
  out.num_values = chunk.meta_data->num_values;
  if (!chunk.meta_data->statistics) return out;
  const Statistics& s = *chunk.meta_data->statistics;
  out.null_count = s.null_count;
  if (type_defined_order && s.min_value && s.max_value) {
    SetStatBounds(leaf, *s.min_value, *s.max_value, &out);
  } else if (s.min && s.max && SignedOrderIsValueOrder(leaf)) {
    // Deprecated fields: signed order, right only for these value orders.
    SetStatBounds(leaf, *s.min, *s.max, &out);
  }
  return out;
}

std::vector<ColumnStatistics> DecodeRowGroupStatistics(const FileMetaData& metadata,
                                                       const FileSchema& schema,
                                                       const RowGroup& row_group) {
  std::vector<ColumnStatistics> out;
  out.reserve(schema.leaves.size());
  for (const LeafColumn& leaf : schema.leaves) {
    const size_t i = static_cast<size_t>(leaf.index);
    const bool type_order =
        i < metadata.column_orders_type_defined.size() && metadata.column_orders_type_defined[i];
    if (i < row_group.columns.size()) {
      out.push_back(DecodeColumnStatistics(leaf, row_group.columns[i], type_order));
    } else {
      ColumnStatistics empty;
      empty.path = leaf.path;
      empty.type = leaf.type;
      out.push_back(std::move(empty));
    }
  }
  return out;
}

}  // namespace s3c::formats::parquet
