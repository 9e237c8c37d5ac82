// Casts among date32, time32/64 and timestamp, and between them and their raw integer counts.
#include "cast_internal.h"
#include "s3c/columnar/array_primitive.h"
#include "temporal_internal.h"

namespace s3c::columnar::internal {
namespace {

// The integer type that holds the raw count of a temporal type.
TypeId RawIntegerOf(TypeId id) {
  switch (id) {
    case TypeId::kDate32:
    case TypeId::kTime32:
      return TypeId::kInt32;
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return TypeId::kInt64;
    default:
      return TypeId::kNull;
  }
}

bool IsTime(TypeId id) { return id == TypeId::kTime32 || id == TypeId::kTime64; }

// Value of `from` in its C type as int64.
int64_t RawValue(const Array& from, int64_t i) {
  if (from.type().bit_width() == 32) return from.data()->GetValues<int32_t>(1)[i];
  return from.data()->GetValues<int64_t>(1)[i];
}

// Converts counts of from_unit (per day when from is a date) to counts of to_unit; with
// `safe`, multiplication overflow and dropped remainders are errors.
Result<std::shared_ptr<Array>> Rescale(const Array& from, const DataType& to, int64_t mul,
                                       int64_t div, bool safe, bool check_remainder) {
  const int64_t n = from.length();
  const bool out32 = to.bit_width() == 32;
  auto values = Buffer::Allocate(n * (out32 ? 4 : 8));
  for (int64_t i = 0; i < n; ++i) {
    if (from.IsNull(i)) continue;
    int64_t v = RawValue(from, i);
    int64_t r;
    if (__builtin_mul_overflow(v, mul, &r)) {
      if (safe) return CastValueError(from, i, to, "out of range");
      r = static_cast<int64_t>(static_cast<uint64_t>(v) * static_cast<uint64_t>(mul));
    }
    if (div != 1) {
      if (safe && check_remainder && FloorMod(r, div) != 0) {
        return CastValueError(from, i, to, "would lose sub-unit precision");
      }
      r = FloorDiv(r, div);
    }
    if (out32) {
      values->mutable_data_as<int32_t>()[i] = static_cast<int32_t>(r);
    } else {
      values->mutable_data_as<int64_t>()[i] = r;
    }
  }
  return WithValues(from, to, std::move(values));
}

// Factor between two units, as (multiply, divide).
std::pair<int64_t, int64_t> UnitFactor(TimeUnit from, TimeUnit to) {
  int64_t f = UnitsPerSecond(from);
  int64_t t = UnitsPerSecond(to);
  return t >= f ? std::pair<int64_t, int64_t>{t / f, 1} : std::pair<int64_t, int64_t>{1, f / t};
}

}  // namespace

bool CanCastTemporal(const DataType& from, const DataType& to) {
  TypeId f = from.id();
  TypeId t = to.id();
  if (RawIntegerOf(f) != TypeId::kNull && RawIntegerOf(f) == t) return true;
  if (RawIntegerOf(t) != TypeId::kNull && RawIntegerOf(t) == f) return true;
  if (f == TypeId::kTimestamp && (t == TypeId::kTimestamp || t == TypeId::kDate32)) return true;
  if (f == TypeId::kDate32 && t == TypeId::kTimestamp) return true;
  return IsTime(f) && IsTime(t);
}

Result<std::shared_ptr<Array>> CastTemporal(const Array& from, const DataType& to,
                                            const CastOptions& options) {
  TypeId f = from.type_id();
  TypeId t = to.id();
  if (RawIntegerOf(f) == t || RawIntegerOf(t) == f) {
    // Same physical layout: share the buffers, change the type.
    auto data = std::make_shared<ArrayData>(*from.data());
    data->type = to;
    return MakeArray(std::move(data));
  }
  if (f == TypeId::kDate32) {  // -> timestamp: midnight UTC
    return Rescale(from, to, 86400 * UnitsPerSecond(to.unit()), 1, options.safe, false);
  }
  if (t == TypeId::kDate32) {  // timestamp -> its UTC date (the time of day is dropped)
    return Rescale(from, to, 1, 86400 * UnitsPerSecond(from.type().unit()), options.safe, false);
  }
  auto [mul, div] = UnitFactor(from.type().unit(), to.unit());
  return Rescale(from, to, mul, div, options.safe, true);
}

}  // namespace s3c::columnar::internal
