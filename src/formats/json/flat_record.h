// The fast path of the JSON reader for object records, read straight from the buffered bytes
// into column values. Scalar members need no JsonValue tree; nested members (arrays, objects)
// are parsed into one by JsonParser over the buffered bytes and converted by ConvertValue.
//
// Parse() accepts a record only when the full path (JsonParser + ConvertValue) would accept it
// and produce the same row: keys united by name (the last of repeated keys wins), unknown keys
// ignored, values converted as ConvertValue does. Anything else (a syntax error, a value the
// column type does not take, an object member when flattening, a record running past the
// buffered bytes) returns 0 and the caller parses the record with the full path, which also
// produces every error message.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "s3c/columnar/builder.h"
#include "s3c/common/json_value.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/inference.h"

namespace s3c::formats::json_internal {

class FlatRecordParser {
 public:
  // `options` must outlive the parser.
  FlatRecordParser(const Schema& schema, const InferenceOptions& options, bool flatten,
                   int max_depth);

  // Parses the object record at text[0] == '{'. Returns the bytes consumed (through the
  // closing '}') and adds the newlines inside the record to *lines; 0 to fall back.
  size_t Parse(std::string_view text, int64_t* lines);

  // Appends the row of the last successful Parse to `builders` (one per schema field).
  Status AppendRow(const std::vector<std::unique_ptr<columnar::ArrayBuilder>>& builders);

 private:
  enum class Target : uint8_t {
    kInt,  // integers up to 32 bits unsigned or 64 signed (range in min / max)
    kUInt64,
    kFloat32,
    kFloat64,
    kBool,
    kString,
    kLargeString,
    kDate32,
    kTimestamp,
    kOther,  // null, list, struct, map: only JSON null and nested values take the fast path
  };
  struct Column {
    columnar::DataType type;
    Target target = Target::kOther;
    columnar::TypeId id = columnar::TypeId::kNull;
    columnar::TimeUnit unit = columnar::TimeUnit::kMicro;
    int64_t min = 0;
    int64_t max = 0;
  };
  struct Slot {
    uint64_t row = 0;  // row_ when this slot was last set; older: the key was missing
    bool null = true;
    bool nested = false;  // the value is `tree`
    int64_t i = 0;        // ints (uint64 bit-cast), bool, date32, timestamp
    double d = 0;
    std::string_view s;
    std::string scratch;  // decoded text of strings with escapes
    JsonValue tree;
  };
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // Parses the k-th key of the record (p at its quote) and sets *col to its column (-1: not
  // in the schema). nullptr to fall back.
  const char* Key(const char* p, const char* end, size_t k, int* col);
  // Key() for a key that differs from the k-th key of the previous record.
  const char* NewKey(const char* p, const char* end, size_t k, int* col);
  // Parses the value at p into column `col` (-1: validate only). nullptr to fall back.
  const char* Value(const char* p, const char* end, int col);
  // An array or object member at p, parsed into a tree.
  const char* Nested(const char* p, const char* end, int col);
  void Set(Slot* slot) const {
    slot->null = false;
    slot->nested = false;
    slot->row = row_;
  }
  bool StoreNumber(std::string_view text, bool integral, Slot* slot, const Column& column);
  bool StoreString(std::string_view text, Slot* slot, const Column& column);

  const InferenceOptions& options_;
  bool flatten_;
  int max_depth_;
  std::vector<Column> columns_;
  std::vector<Slot> slots_;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> index_;
  // Key order of the previous records: position k -> (key bytes as written, column). Records of
  // one input usually repeat their key order, so keys are matched here without decoding or
  // hashing: equal bytes up to a closing quote are the same valid key.
  std::vector<std::pair<std::string, int>> order_;
  std::string key_scratch_;
  std::string skip_scratch_;
  JsonValue skip_tree_;
  int64_t newlines_ = 0;  // inside the record being parsed
  uint64_t row_ = 0;
};

}  // namespace s3c::formats::json_internal
