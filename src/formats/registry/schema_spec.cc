// ParseTypeSpec / ParseSchemaSpec (schema_spec.h): a small recursive-descent parser.
#include "s3c/formats/schema_spec.h"

#include <fmt/format.h>

#include <charconv>

#include "s3c/common/strings.h"

namespace s3c::formats {
namespace {

using columnar::DataType;
using columnar::Field;
using columnar::TimeUnit;

class SpecParser {
 public:
  explicit SpecParser(std::string_view text) : text_(text) {}

  Result<DataType> Type();
  Result<Field> FieldSpec(char name_end);
  bool AtEnd() {
    SkipSpaces();
    return pos_ == text_.size();
  }
  bool Accept(char c) {
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  Status Expect(char c) {
    if (Accept(c)) return Status::OK();
    return Error(fmt::format("'{}'", c));
  }
  Status Error(std::string_view expected) const {
    return InvalidArgumentError(fmt::format("schema '{}': expected {} at position {}", text_,
                                            expected, pos_ + 1));
  }

 private:
  void SkipSpaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  std::string Word() {
    SkipSpaces();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '/')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  Result<int> Int() {
    SkipSpaces();
    int value = 0;
    auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
    if (ec != std::errc()) return Error("a number");
    pos_ = static_cast<size_t>(end - text_.data());
    return value;
  }
  Result<TimeUnit> Unit() {
    std::string unit = Word();
    if (unit == "s") return TimeUnit::kSecond;
    if (unit == "ms") return TimeUnit::kMilli;
    if (unit == "us") return TimeUnit::kMicro;
    if (unit == "ns") return TimeUnit::kNano;
    return Error("a time unit (s, ms, us, ns)");
  }
  Result<DataType> Timestamp();
  Result<DataType> Nested(const std::string& word);

  std::string_view text_;
  size_t pos_ = 0;
};

Result<DataType> SpecParser::Timestamp() {
  if (!Accept('[')) return columnar::Timestamp(TimeUnit::kMicro);
  S3C_ASSIGN_OR_RETURN(TimeUnit unit, Unit());
  std::string zone;
  if (Accept(',')) {
    zone = Word();
    if (zone.empty()) return Error("a time zone name");
  }
  S3C_RETURN_IF_ERROR(Expect(']'));
  return columnar::Timestamp(unit, zone);
}

Result<DataType> SpecParser::Nested(const std::string& word) {
  if (word == "list") {
    S3C_RETURN_IF_ERROR(Expect('<'));
    S3C_ASSIGN_OR_RETURN(DataType item, Type());
    S3C_RETURN_IF_ERROR(Expect('>'));
    return columnar::List(item);
  }
  if (word == "map") {
    S3C_RETURN_IF_ERROR(Expect('<'));
    S3C_ASSIGN_OR_RETURN(DataType key, Type());
    S3C_RETURN_IF_ERROR(Expect(','));
    S3C_ASSIGN_OR_RETURN(DataType value, Type());
    S3C_RETURN_IF_ERROR(Expect('>'));
    return columnar::Map(key, value);
  }
  S3C_RETURN_IF_ERROR(Expect('<'));
  std::vector<Field> fields;
  do {
    S3C_ASSIGN_OR_RETURN(Field f, FieldSpec(':'));
    fields.push_back(std::move(f));
  } while (Accept(','));
  S3C_RETURN_IF_ERROR(Expect('>'));
  return columnar::Struct(std::move(fields));
}

Result<DataType> SpecParser::Type() {
  std::string word = ToLower(Word());
  if (word == "list" || word == "map" || word == "struct") return Nested(word);
  if (word == "timestamp") return Timestamp();
  if (word == "decimal" || word == "decimal128") {
    S3C_RETURN_IF_ERROR(Expect('('));
    S3C_ASSIGN_OR_RETURN(int precision, Int());
    int scale = 0;
    if (Accept(',')) {
      S3C_ASSIGN_OR_RETURN(scale, Int());
    }
    S3C_RETURN_IF_ERROR(Expect(')'));
    if (precision < 1 || precision > 38) return Error("a decimal precision from 1 to 38");
    return columnar::Decimal128(precision, scale);
  }
  if (word == "time32" || word == "time64") {
    S3C_RETURN_IF_ERROR(Expect('['));
    S3C_ASSIGN_OR_RETURN(TimeUnit unit, Unit());
    S3C_RETURN_IF_ERROR(Expect(']'));
    bool ok32 = unit == TimeUnit::kSecond || unit == TimeUnit::kMilli;
    if ((word == "time32") != ok32) return Error("time32[s|ms] or time64[us|ns]");
    return ok32 ? columnar::Time32(unit) : columnar::Time64(unit);
  }
  static const std::pair<const char*, DataType (*)()> kSimple[] = {
      {"null", columnar::Null},       {"bool", columnar::Bool},
      {"boolean", columnar::Bool},    {"int8", columnar::Int8},
      {"int16", columnar::Int16},     {"int32", columnar::Int32},
      {"int", columnar::Int32},       {"int64", columnar::Int64},
      {"bigint", columnar::Int64},    {"uint8", columnar::UInt8},
      {"uint16", columnar::UInt16},   {"uint32", columnar::UInt32},
      {"uint64", columnar::UInt64},   {"float", columnar::Float32},
      {"float32", columnar::Float32}, {"double", columnar::Float64},
      {"float64", columnar::Float64}, {"string", columnar::String},
      {"utf8", columnar::String},     {"large_string", columnar::LargeString},
      {"binary", columnar::Binary},   {"date", columnar::Date32},
      {"date32", columnar::Date32},
  };
  for (const auto& [name, make] : kSimple) {
    if (word == name) return make();
  }
  if (word == "time") return columnar::Time64(TimeUnit::kMicro);
  return Error(word.empty() ? "a type" : fmt::format("a type name, not '{}'", word));
}

Result<Field> SpecParser::FieldSpec(char name_end) {
  std::string name;
  SkipSpaces();
  while (pos_ < text_.size() && text_[pos_] != name_end && text_[pos_] != ',') {
    name += text_[pos_++];
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.empty()) return Error("a column name");
  S3C_RETURN_IF_ERROR(Expect(name_end));
  S3C_ASSIGN_OR_RETURN(DataType type, Type());
  bool nullable = true;
  size_t save = pos_;
  if (ToLower(Word()) == "not" && ToLower(Word()) == "null") {
    nullable = false;
  } else {
    pos_ = save;
  }
  return Field(name, type, nullable);
}

}  // namespace

Result<DataType> ParseTypeSpec(std::string_view text) {
  SpecParser parser(text);
  S3C_ASSIGN_OR_RETURN(DataType type, parser.Type());
  if (!parser.AtEnd()) return parser.Error("the end of the type");
  return type;
}

Result<std::shared_ptr<columnar::Schema>> ParseSchemaSpec(std::string_view text) {
  SpecParser parser(text);
  std::vector<Field> fields;
  do {
    S3C_ASSIGN_OR_RETURN(Field f, parser.FieldSpec(':'));
    for (const Field& other : fields) {
      if (other.name() == f.name()) {
        return InvalidArgumentError(fmt::format("schema '{}': column '{}' appears twice", text,
                                                f.name()));
      }
    }
    fields.push_back(std::move(f));
  } while (parser.Accept(','));
  if (!parser.AtEnd()) return parser.Error("',' or the end of the schema");
  return columnar::MakeSchema(std::move(fields));
}

}  // namespace s3c::formats
