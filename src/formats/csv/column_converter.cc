// Cell -> value conversion for the CSV reader (column_converter.h).
#include "formats/csv/column_converter.h"

#include <fmt/format.h>

#include <span>

#include "formats/csv/cell_parsers.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/decimal.h"
#include "s3c/formats/inference.h"

namespace s3c::formats::csv {
namespace {

using columnar::DataType;
using columnar::TypeId;

// null_strings membership; the default {""} is a length test.
class NullMatcher {
 public:
  explicit NullMatcher(const std::vector<std::string>& list)
      : list_(list), only_empty_(list.size() == 1 && list[0].empty()) {}
  bool operator()(std::string_view s) const {
    if (only_empty_) return s.empty();
    for (const auto& v : list_) {
      if (s == v) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> list_;
  bool only_empty_;
};

struct Context {
  NullMatcher nulls;
  InferenceOptions text;  // null/true/false strings and extra formats from the options
  bool quoted_empty_is_string;
};

// Stages one column as values + validity bytes; Parser: bool(std::string_view, Value*).
template <typename Builder, typename Value, bool kText, typename Parser>
class TypedConverter final : public ColumnConverter {
 public:
  TypedConverter(std::unique_ptr<Builder> builder, std::shared_ptr<const Context> ctx,
                 Parser parser)
      : builder_(std::move(builder)), ctx_(std::move(ctx)), parse_(std::move(parser)) {}

  void Parse(const RecordRange& range, int col, int32_t* bad) override {
    const TokenBatch& b = *range.batch;
    const size_t n = range.count;
    vals_.resize(n);
    valid_.resize(n);
    has_null_ = false;
    const auto c = static_cast<uint32_t>(col);
    for (size_t r = 0; r < n; ++r) {
      const RecordSpan& rec = b.records[range.first + r];
      valid_[r] = 0;
      vals_[r] = Value{};
      if (c >= rec.num_fields) {
        has_null_ = true;
        continue;
      }
      const size_t idx = rec.first_field + c;
      std::string_view cell = b.Field(range.data, idx);
      if (!(kText && b.fields[idx].quoted() && ctx_->quoted_empty_is_string) && ctx_->nulls(cell)) {
        has_null_ = true;
        continue;
      }
      if (parse_(cell, &vals_[r])) {
        valid_[r] = 1;
      } else if (bad[r] == 0) {
        bad[r] = col + 1;
      }
    }
  }

  void Append(const int32_t* bad) override {
    size_t n = vals_.size();
    if (bad != nullptr) {
      size_t k = 0;
      for (size_t r = 0; r < n; ++r) {
        if (bad[r] != 0) continue;
        vals_[k] = vals_[r];
        valid_[k] = valid_[r];
        ++k;
      }
      n = k;
    }
    builder_->Reserve(static_cast<int64_t>(n));
    if constexpr (kText) {
      int64_t bytes = 0;
      for (size_t r = 0; r < n; ++r) bytes += static_cast<int64_t>(vals_[r].size());
      builder_->ReserveData(bytes);
      if (n > 0) bytes_per_row_ = bytes / static_cast<int64_t>(n) + 1;
    }
    const uint8_t* valid = has_null_ ? valid_.data() : nullptr;
    if constexpr (std::is_same_v<Builder, columnar::Decimal128Builder> ||
                  std::is_same_v<Builder, columnar::NullBuilder>) {
      for (size_t r = 0; r < n; ++r) {
        if constexpr (std::is_same_v<Builder, columnar::NullBuilder>) {
          builder_->AppendNull();
        } else if (valid != nullptr && valid[r] == 0) {
          builder_->AppendNull();
        } else {
          builder_->Append(vals_[r]);
        }
      }
    } else {
      builder_->AppendValues(std::span<const Value>(vals_.data(), n), valid);
    }
  }

  void Reserve(int64_t rows) override {
    builder_->Reserve(rows);
    if constexpr (kText) builder_->ReserveData(rows * bytes_per_row_ + rows / 8);
  }

  Result<std::shared_ptr<columnar::Array>> Finish() override { return builder_->Finish(); }

 private:
  std::unique_ptr<Builder> builder_;
  std::shared_ptr<const Context> ctx_;
  Parser parse_;
  std::vector<Value> vals_;
  std::vector<uint8_t> valid_;
  bool has_null_ = false;
  int64_t bytes_per_row_ = 0;  // text bytes per row seen last (sizes Reserve)
};

template <typename Builder, typename Value, bool kText = false, typename Parser>
std::unique_ptr<ColumnConverter> MakeTyped(std::unique_ptr<Builder> b,
                                           std::shared_ptr<const Context> ctx, Parser p) {
  return std::make_unique<TypedConverter<Builder, Value, kText, Parser>>(std::move(b),
                                                                         std::move(ctx), p);
}

template <typename Builder, typename C>
std::unique_ptr<ColumnConverter> MakeInt(const DataType& type, std::shared_ptr<const Context> ctx) {
  const int bits = type.bit_width();
  return MakeTyped<Builder, C>(std::make_unique<Builder>(type), std::move(ctx),
                               [bits](std::string_view s, C* out) {
                                 int64_t v;
                                 if (!ParseInt(s, &v)) return false;
                                 if (bits < 64) {
                                   int64_t lim = int64_t{1} << (bits - 1);
                                   if (v < -lim || v >= lim) return false;
                                 }
                                 *out = static_cast<C>(v);
                                 return true;
                               });
}

}  // namespace

Result<std::unique_ptr<ColumnConverter>> ColumnConverter::Make(const columnar::Field& field,
                                                               const CsvReadOptions& options) {
  auto ctx = std::make_shared<Context>(Context{NullMatcher(options.null_strings), options.inference,
                                               options.quoted_empty_is_string});
  ctx->text.null_strings = options.null_strings;
  ctx->text.true_strings = options.true_strings;
  ctx->text.false_strings = options.false_strings;
  const Context* c = ctx.get();
  const DataType& type = field.type();
  switch (type.id()) {
    case TypeId::kNull:
      return MakeTyped<columnar::NullBuilder, uint8_t>(
          std::make_unique<columnar::NullBuilder>(), ctx,
          [](std::string_view, uint8_t*) { return false; });
    case TypeId::kBool:
      return MakeTyped<columnar::BooleanBuilder, uint8_t>(
          std::make_unique<columnar::BooleanBuilder>(), ctx, [c](std::string_view s, uint8_t* o) {
            auto v = ParseBoolText(s, c->text);
            if (!v) return false;
            *o = *v ? 1 : 0;
            return true;
          });
    case TypeId::kInt8:
      return MakeInt<columnar::Int8Builder, int8_t>(type, ctx);
    case TypeId::kInt16:
      return MakeInt<columnar::Int16Builder, int16_t>(type, ctx);
    case TypeId::kInt32:
      return MakeInt<columnar::Int32Builder, int32_t>(type, ctx);
    case TypeId::kInt64:
      return MakeInt<columnar::Int64Builder, int64_t>(type, ctx);
    case TypeId::kFloat32:
      return MakeTyped<columnar::Float32Builder, float>(
          std::make_unique<columnar::Float32Builder>(type), ctx, [](std::string_view s, float* o) {
            auto v = ParseFloat64Text(s);
            if (!v) return false;
            *o = static_cast<float>(*v);
            return true;
          });
    case TypeId::kFloat64:
      return MakeTyped<columnar::Float64Builder, double>(
          std::make_unique<columnar::Float64Builder>(type), ctx, [](std::string_view s, double* o) {
            auto v = ParseFloat64Text(s);
            if (!v) return false;
            *o = *v;
            return true;
          });
    case TypeId::kDecimal128: {
      const int32_t p = type.precision(), s = type.scale();
      return MakeTyped<columnar::Decimal128Builder, columnar::Int128>(
          std::make_unique<columnar::Decimal128Builder>(type), ctx,
          [p, s](std::string_view text, columnar::Int128* o) {
            auto v = columnar::ParseDecimal128(text, p, s);
            if (!v.ok()) return false;
            *o = *v;
            return true;
          });
    }
    case TypeId::kDate32:
      return MakeTyped<columnar::Date32Builder, int32_t>(
          std::make_unique<columnar::Date32Builder>(type), ctx,
          [c](std::string_view s, int32_t* o) {
            int64_t days;
            if (s.size() == 10 && FastDate(s, &days)) {
              *o = static_cast<int32_t>(days);
              return true;
            }
            auto v = ParseDate32Text(s, c->text.extra_date_formats);
            if (!v) return false;
            *o = *v;
            return true;
          });
    case TypeId::kTimestamp: {
      const columnar::TimeUnit unit = type.unit();
      return MakeTyped<columnar::TimestampBuilder, int64_t>(
          std::make_unique<columnar::TimestampBuilder>(type), ctx,
          [c, unit](std::string_view s, int64_t* o) {
            if (FastTimestamp(s, unit, o)) return true;
            auto v = ParseTimestampText(s, unit, c->text.extra_timestamp_formats);
            if (!v) return false;
            *o = v->value;
            return true;
          });
    }
    case TypeId::kString:
    case TypeId::kLargeString:
    case TypeId::kBinary: {
      auto copy = [](std::string_view s, std::string_view* o) {
        *o = s;
        return true;
      };
      if (type.id() == TypeId::kString) {
        return MakeTyped<columnar::StringBuilder, std::string_view, true>(
            std::make_unique<columnar::StringBuilder>(), ctx, copy);
      }
      if (type.id() == TypeId::kBinary) {
        return MakeTyped<columnar::BinaryBuilder, std::string_view, true>(
            std::make_unique<columnar::BinaryBuilder>(), ctx, copy);
      }
      return MakeTyped<columnar::LargeStringBuilder, std::string_view, true>(
          std::make_unique<columnar::LargeStringBuilder>(), ctx, copy);
    }
    default:
      return InvalidArgumentError(
          fmt::format("CSV column {} cannot have type {}", field.name(), type.ToString()));
  }
}

}  // namespace s3c::formats::csv
