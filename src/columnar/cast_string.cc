// Casts from and to string, large_string and binary.
#include <charconv>
#include <cmath>

#include "cast_internal.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/decimal.h"
#include "s3c/columnar/type_traits.h"
#include "s3c/columnar/validate.h"
#include "s3c/common/strings.h"
#include "temporal_internal.h"
#include "value_text_internal.h"

namespace s3c::columnar::internal {
namespace {

bool CanParseFromText(TypeId id) {
  return IsNumeric(id) || id == TypeId::kBool || id == TypeId::kDecimal128 || IsTemporal(id) ||
         IsBinaryLike(id);
}

// Element views of any binary-like array.
template <typename F>
void VisitViews(const Array& from, F&& f) {
  if (from.type_id() == TypeId::kLargeString) {
    const auto& a = static_cast<const LargeStringArray&>(from);
    f([&a](int64_t i) { return a.GetView(i); });
  } else {
    const auto& a = static_cast<const BaseBinaryArray<int32_t>&>(from);
    f([&a](int64_t i) { return a.GetView(i); });
  }
}

// Parses text into one value of C type T for `to`; nullptr on success, else the reason
// ("" for plain garbage).
template <typename T>
const char* ParseValue(std::string_view s, const DataType& to, bool safe, T* out) {
  switch (to.id()) {
    case TypeId::kDate32: {
      auto days = ParseDate(s);
      if (!days) return "";
      if (!std::in_range<int32_t>(*days)) return "out of range";
      *out = static_cast<T>(*days);
      return nullptr;
    }
    case TypeId::kTime32:
    case TypeId::kTime64: {
      bool truncated = false;
      auto v = ParseTimeOfDay(s, to.unit(), &truncated);
      if (!v) return "";
      if (truncated && safe) return "would lose sub-unit precision";
      *out = static_cast<T>(*v);
      return nullptr;
    }
    case TypeId::kTimestamp: {
      bool truncated = false;
      auto v = ParseTimestamp(s, to.unit(), &truncated);
      if (!v) return "";
      if (truncated && safe) return "would lose sub-unit precision";
      *out = static_cast<T>(*v);
      return nullptr;
    }
    default:
      break;
  }
  if constexpr (std::is_integral_v<T>) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) return "out of range";
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return "";
    return nullptr;
  } else {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) {
      // Underflow to a subnormal/zero is not an error for us; overflow is.
      double d = std::strtod(std::string(s).c_str(), nullptr);
      if (std::isinf(d) || std::fabs(d) > 1) return "out of range";
      *out = static_cast<T>(d);
      return nullptr;
    }
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return "";
    return nullptr;
  }
}

Result<std::shared_ptr<Array>> ParseText(const Array& from, const DataType& to, bool safe) {
  const int64_t n = from.length();
  std::shared_ptr<Buffer> values;
  Status st;
  VisitViews(from, [&](auto view) {
    auto fail = [&](int64_t i, const char* reason) { st = CastValueError(from, i, to, reason); };
    if (to.id() == TypeId::kBool) {
      values = Buffer::Allocate(bit_util::BytesForBits(n));
      for (int64_t i = 0; i < n && st.ok(); ++i) {
        if (from.IsNull(i)) continue;
        std::string_view s = view(i);
        if (IEquals(s, "true") || s == "1") {
          bit_util::SetBit(values->mutable_data(), i);
        } else if (!IEquals(s, "false") && s != "0") {
          fail(i, "");
        }
      }
    } else if (to.id() == TypeId::kDecimal128) {
      values = Buffer::Allocate(n * 16);
      auto* out = reinterpret_cast<Int128*>(values->mutable_data());
      for (int64_t i = 0; i < n && st.ok(); ++i) {
        if (from.IsNull(i)) continue;
        auto parsed = ParseDecimal128(view(i), to.precision(), to.scale());
        if (!parsed.ok()) {
          st = CastValueError(from, i, to, parsed.status().message());
        } else {
          out[i] = *parsed;
        }
      }
    } else {
      VisitPrimitive(to.id(), [&](auto tag) {
        using T = typename decltype(tag)::c_type;
        values = Buffer::Allocate(n * static_cast<int64_t>(sizeof(T)));
        T* out = values->template mutable_data_as<T>();
        for (int64_t i = 0; i < n && st.ok(); ++i) {
          if (from.IsNull(i)) continue;
          if (const char* reason = ParseValue<T>(view(i), to, safe, &out[i])) fail(i, reason);
        }
      });
    }
  });
  S3C_RETURN_IF_ERROR(st);
  return WithValues(from, to, std::move(values));
}

// To string / large_string / binary from any non-nested type.
template <typename BuilderT>
Result<std::shared_ptr<Array>> FormatText(const Array& from, const DataType& to, bool safe) {
  BuilderT builder;
  builder.Reserve(from.length());
  const bool check_utf8 = safe && from.type_id() == TypeId::kBinary && to.id() != TypeId::kBinary;
  std::string text;
  for (int64_t i = 0; i < from.length(); ++i) {
    if (from.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    text.clear();
    AppendValueText(from, i, &text);
    if (check_utf8 && !IsValidUtf8(text)) return CastValueError(from, i, to, "not valid UTF-8");
    builder.Append(text);
  }
  return builder.Finish();
}

}  // namespace

bool CanCastString(const DataType& from, const DataType& to) {
  if (IsBinaryLike(from.id()) && CanParseFromText(to.id())) return true;
  return IsBinaryLike(to.id()) && !IsNested(from.id()) && from.id() != TypeId::kNull &&
         (to.id() != TypeId::kBinary || IsBinaryLike(from.id()));
}

Result<std::shared_ptr<Array>> CastString(const Array& from, const DataType& to,
                                          const CastOptions& options) {
  switch (to.id()) {
    case TypeId::kString:
      return FormatText<StringBuilder>(from, to, options.safe);
    case TypeId::kLargeString:
      return FormatText<LargeStringBuilder>(from, to, options.safe);
    case TypeId::kBinary:
      return FormatText<BinaryBuilder>(from, to, options.safe);
    default:
      return ParseText(from, to, options.safe);
  }
}

}  // namespace s3c::columnar::internal
