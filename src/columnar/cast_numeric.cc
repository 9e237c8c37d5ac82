// Casts among integers, floats, bool and decimal128.
#include <fmt/format.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <utility>

#include "cast_internal.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/decimal.h"

namespace s3c::columnar::internal {
namespace {

bool IsNumberLike(TypeId id) {
  return IsNumeric(id) || id == TypeId::kBool || id == TypeId::kDecimal128;
}

constexpr const char* kOutOfRange = "out of range";
constexpr const char* kFraction = "would lose the fractional part";

// Converts one number; returns nullptr on success or the reason it cannot be converted.
template <typename Dst, typename Src>
const char* ConvertNumber(Src v, bool safe, Dst* out) {
  if constexpr (std::is_integral_v<Src>) {
    if constexpr (std::is_integral_v<Dst>) {
      if (!std::in_range<Dst>(v) && safe) return kOutOfRange;
    }
    *out = static_cast<Dst>(v);  // modular for integers (C++20), exact or nearest for floats
    return nullptr;
  } else if constexpr (std::is_integral_v<Dst>) {
    if (std::isnan(v)) {
      if (safe) return "not a number";
      *out = 0;
      return nullptr;
    }
    double t = std::trunc(static_cast<double>(v));
    if (safe && t != static_cast<double>(v)) return kFraction;
    constexpr int kDigits = std::numeric_limits<Dst>::digits;
    const double lo = std::is_signed_v<Dst> ? -std::ldexp(1.0, kDigits) : 0.0;
    const double hi = std::ldexp(1.0, kDigits);
    if (t < lo || t >= hi) {
      if (safe) return kOutOfRange;
      *out = t < lo ? std::numeric_limits<Dst>::min() : std::numeric_limits<Dst>::max();
      return nullptr;
    }
    *out = static_cast<Dst>(t);
    return nullptr;
  } else {
    if constexpr (sizeof(Dst) < sizeof(Src)) {
      if (safe && std::isfinite(v) && std::fabs(v) > FLT_MAX) return kOutOfRange;
    }
    *out = static_cast<Dst>(v);
    return nullptr;
  }
}

// Decimal (unscaled v, scale) to an integer or float.
template <typename Dst>
const char* ConvertDecimal(Int128 v, int32_t scale, bool safe, Dst* out) {
  if constexpr (std::is_floating_point_v<Dst>) {
    long double x = static_cast<long double>(v);
    x = scale >= 0 ? x / static_cast<long double>(PowerOfTen(scale))
                   : x * static_cast<long double>(PowerOfTen(-scale));
    *out = static_cast<Dst>(x);
    return nullptr;
  } else {
    Int128 q = v;
    if (scale > 0) {
      Int128 p = PowerOfTen(scale);
      if (safe && v % p != 0) return kFraction;
      q = v / p;
    } else if (scale < 0) {
      q = v * PowerOfTen(-scale);
    }
    if (q < static_cast<Int128>(std::numeric_limits<Dst>::min()) ||
        q > static_cast<Int128>(std::numeric_limits<Dst>::max())) {
      if (safe) return kOutOfRange;
    }
    *out = static_cast<Dst>(q);
    return nullptr;
  }
}

// Rescales an unscaled decimal by 10^delta; checks the target precision.
const char* Rescale(Int128 v, int32_t delta, int32_t precision, bool safe, Int128* out) {
  if (delta >= 0) {
    if (!FitsPrecision(v, kMaxDecimal128Precision - delta)) return kOutOfRange;
    v *= PowerOfTen(delta);
  } else {
    Int128 p = PowerOfTen(-delta);
    if (safe && v % p != 0) return "would lose digits";
    v /= p;
  }
  if (!FitsPrecision(v, precision)) return kOutOfRange;
  *out = v;
  return nullptr;
}

// Calls f(get) where get(i) returns element i of a bool, integer or float array in its C type.
template <typename F>
void VisitNumberSource(const Array& from, F&& f) {
  if (from.type_id() == TypeId::kBool) {
    const auto& b = static_cast<const BooleanArray&>(from);
    f([&b](int64_t i) { return static_cast<uint8_t>(b.Value(i)); });
    return;
  }
  VisitPrimitive(from.type_id(), [&](auto tag) {
    using T = decltype(tag);
    const auto* values = static_cast<const NumericArray<T>&>(from).raw_values();
    f([values](int64_t i) { return values[i]; });
  });
}

// Runs convert(i, &out[i]) over the valid slots; the first failure becomes the cast error.
template <typename Dst, typename Convert>
Status ForEachValid(const Array& from, const DataType& to, Dst* out, Convert convert) {
  const int64_t n = from.length();
  const bool has_nulls = from.null_count() > 0;
  for (int64_t i = 0; i < n; ++i) {
    if (has_nulls && from.IsNull(i)) continue;
    if (const char* reason = convert(i, &out[i])) return CastValueError(from, i, to, reason);
  }
  return Status::OK();
}

template <typename Dst>
Result<std::shared_ptr<Array>> ToPrimitive(const Array& from, const DataType& to, bool safe) {
  auto values = Buffer::Allocate(from.length() * static_cast<int64_t>(sizeof(Dst)));
  Dst* out = values->mutable_data_as<Dst>();
  Status st;
  if (from.type_id() == TypeId::kDecimal128) {
    const auto& dec = static_cast<const Decimal128Array&>(from);
    int32_t scale = dec.scale();
    st = ForEachValid(from, to, out, [&](int64_t i, Dst* o) {
      return ConvertDecimal<Dst>(dec.Value(i), scale, safe, o);
    });
  } else {
    VisitNumberSource(from, [&](auto get) {
      st = ForEachValid(from, to, out,
                        [&](int64_t i, Dst* o) { return ConvertNumber<Dst>(get(i), safe, o); });
    });
  }
  S3C_RETURN_IF_ERROR(st);
  return WithValues(from, to, std::move(values));
}

Result<std::shared_ptr<Array>> ToBool(const Array& from, const DataType& to) {
  auto bits = Buffer::Allocate(bit_util::BytesForBits(from.length()));
  uint8_t* out = bits->mutable_data();
  auto set = [&](int64_t i, bool v) {
    if (v) bit_util::SetBit(out, i);
  };
  if (from.type_id() == TypeId::kDecimal128) {
    const auto& dec = static_cast<const Decimal128Array&>(from);
    for (int64_t i = 0; i < from.length(); ++i) set(i, dec.IsValid(i) && dec.Value(i) != 0);
  } else {
    VisitNumberSource(from, [&](auto get) {
      for (int64_t i = 0; i < from.length(); ++i) set(i, from.IsValid(i) && get(i) != 0);
    });
  }
  return WithValues(from, to, std::move(bits));
}

Result<std::shared_ptr<Array>> ToDecimal(const Array& from, const DataType& to, bool safe) {
  auto values = Buffer::Allocate(from.length() * 16);
  auto* out = reinterpret_cast<Int128*>(values->mutable_data());
  const int32_t precision = to.precision();
  const int32_t scale = to.scale();
  Status st;
  if (from.type_id() == TypeId::kDecimal128) {
    const auto& dec = static_cast<const Decimal128Array&>(from);
    int32_t delta = scale - dec.scale();
    st = ForEachValid(from, to, out, [&](int64_t i, Int128* o) {
      return Rescale(dec.Value(i), delta, precision, safe, o);
    });
  } else {
    VisitNumberSource(from, [&](auto get) {
      st = ForEachValid(from, to, out, [&](int64_t i, Int128* o) -> const char* {
        auto v = get(i);
        if constexpr (std::is_floating_point_v<decltype(v)>) {
          if (!std::isfinite(v)) return "not a finite number";
          long double scaled =
              static_cast<long double>(v) * std::pow(10.0L, static_cast<long double>(scale));
          if (std::fabs(scaled) >= 1e38L) return kOutOfRange;
          Int128 r = static_cast<Int128>(std::roundl(scaled));
          if (!FitsPrecision(r, precision)) return kOutOfRange;
          *o = r;
          return nullptr;
        } else {
          return Rescale(static_cast<Int128>(v), scale, precision, safe, o);
        }
      });
    });
  }
  S3C_RETURN_IF_ERROR(st);
  return WithValues(from, to, std::move(values));
}

}  // namespace

bool CanCastNumeric(const DataType& from, const DataType& to) {
  return IsNumberLike(from.id()) && IsNumberLike(to.id());
}

Result<std::shared_ptr<Array>> CastNumeric(const Array& from, const DataType& to,
                                           const CastOptions& options) {
  if (to.id() == TypeId::kBool) return ToBool(from, to);
  if (to.id() == TypeId::kDecimal128) return ToDecimal(from, to, options.safe);
  Result<std::shared_ptr<Array>> result = UnimplementedError("unreachable");
  VisitPrimitive(to.id(), [&](auto tag) {
    using Dst = typename decltype(tag)::c_type;
    result = ToPrimitive<Dst>(from, to, options.safe);
  });
  return result;
}

}  // namespace s3c::columnar::internal
