// Partitions (docs/architecture.md: dataset): values that a dataset's keys carry in their folder
// names (Hive "year=2024/month=03/") or in a template ("{year}/{month}/{day}",
// "events-{date}.jsonl"), read from each object's key relative to the dataset root, typed, and
// added to the object's rows as constant columns.
//
// Hive rules (as Hive, Spark and DuckDB read them): every folder segment "name=value" of the
// relative key is a partition (the file name is never one); values are percent-decoded and
// "__HIVE_DEFAULT_PARTITION__" is NULL. All objects of a dataset must carry the same keys in the
// same order: a mismatch is an error naming two objects (a silently NULL column would hide data).
//
// Types, without an override, follow DuckDB's hive_types_autocast: each non-NULL value is a
// date ("2024-03-05", "2024-3-5"), else a timestamp ("2024-03-05 10:00[:00[.fff]]", 'T' too, a
// zone suffix is accepted and ignored as DuckDB does), else an int64 when its text is the
// canonical decimal spelling (no sign '+', no leading zero: "01" stays a string), else a string.
// A key whose values do not all get the same type is a string; a key with only NULLs too.
// Surrounding spaces are ignored for typing, as DuckDB does. Overrides ("day:date") force a type;
// a value that does not parse as it is an error naming the object.
//
// Every typed value keeps its folder spelling, so a filter on it can rebuild the exact prefix.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/columnar/data_type.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/statistics.h"
#include "s3c/common/status.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

// One piece of a directory template: literal text, or a named field ("{year}").
struct TemplatePart {
  bool is_field = false;
  std::string text;  // the literal, or the field's name
};

struct Partitioning {
  enum class Kind { kHive, kTemplate, kNone };
  Kind kind = Kind::kHive;
  // kTemplate: the template's '/'-separated segments, each a sequence of parts.
  std::vector<std::vector<TemplatePart>> segments;
  // Types given by the user, by partition name.
  std::map<std::string, columnar::DataType> types;

  std::vector<std::string> TemplateFields() const;  // kTemplate: field names in order
};

// "hive" (the default), "none", or a template. A template's fields are "{name}" (letters,
// digits, '_'); "{{" and "}}" are literal braces; two fields must be separated by literal text
// (else their split would be ambiguous); a field name may not repeat. InvalidArgument naming the
// position otherwise.
Result<Partitioning> ParsePartitioning(std::string_view text);

// "day:date,hour:int" -> {day: date32, hour: int64}. Type names: int, int64, bigint; date;
// timestamp; string, varchar. InvalidArgument naming the entry otherwise.
Result<std::map<std::string, columnar::DataType>> ParsePartitionTypes(std::string_view text);

// One partition value of one object, before typing.
struct RawPartitionValue {
  std::string name;
  std::optional<std::string> text;  // decoded; nullopt = NULL (__HIVE_DEFAULT_PARTITION__)
  std::string spelling;             // the value as written in the key (not decoded)
};

// The partition values of `relative_key` (the key below the dataset root). kNone gives none;
// kHive gives the folder segments with '='; kTemplate matches the template's segments against
// the key's first segments (the last template segment may match the file name) and is
// InvalidArgument naming the key when they do not match.
Result<std::vector<RawPartitionValue>> ExtractPartitionValues(const Partitioning& partitioning,
                                                              std::string_view relative_key);

// The partition values a folder name carries at `level` (0 = first folder below the root):
// Hive "k=v" (any level), a template's segment `level`; empty when the folder carries none.
std::vector<RawPartitionValue> FolderPartitionValues(const Partitioning& partitioning,
                                                     size_t level, std::string_view folder);

// The type a value gets on its own (DuckDB's autocast, above); the null type for NULL.
columnar::DataType ClassifyPartitionValue(std::string_view text);

// A typed partition value: int64 for int64 and date32 (days) and timestamp[us] (microseconds
// since the epoch), std::string for strings, monostate for NULL.
struct PartitionValue {
  columnar::StatValue value;
  std::string spelling;
  bool is_null() const { return std::holds_alternative<std::monostate>(value); }
};

// The partitions of a set of objects: the typed columns and each object's values.
struct PartitionTable {
  std::vector<columnar::Field> fields;                // partition columns, in key order
  std::vector<std::vector<PartitionValue>> values;    // [object][field]
  bool empty() const { return fields.empty(); }
};

// Reads, checks and types the partitions of `objects` (keys relative to `root_prefix`, which
// must prefix each key). Errors name the object(s): a hive key mismatch, a template mismatch, a
// value that does not parse as its overridden type, an override for a key that no object has.
Result<PartitionTable> BuildPartitionTable(const Partitioning& partitioning,
                                           std::string_view root_prefix,
                                           const std::vector<ObjectInfo>& objects);

// True for the virtual columns whose values are an object's details (_size, _last_modified,
// _etag; any case), which a key not looked at yet (ObjectInfo::KeyOnly) does not have.
bool IsObjectDetailColumn(std::string_view name);

// Appends the virtual columns `names` (dataset_reader.h kVirtualColumns) to `table`, with each
// object's values from its listing entry; InvalidArgument for another name, or a name that is
// already a partition; FailedPrecondition for a detail column of an object whose details are
// not known (discovery must look at the key: DiscoveryOptions::stat_single_key).
Status AddVirtualColumns(const std::vector<std::string>& names,
                         const std::vector<ObjectInfo>& objects, PartitionTable* table);

// OK when every row of `column` (a file's column named like partition `field`) equals the
// folder's value `value` once cast to the field's type (NULL only where the value is NULL);
// DataLoss naming `object`, the column, the folder's value and the first differing row else.
Status CheckColumnMatchesPartition(const columnar::Array& column, const columnar::Field& field,
                                   const PartitionValue& value, const std::string& object);

// Parses `text` as `type` (one of the partition types); nullopt when it does not parse.
std::optional<columnar::StatValue> ParsePartitionText(std::string_view text,
                                                      const columnar::DataType& type);

// `batch` with one constant column per partition value appended: `out_schema` is the batch's
// fields followed by the partition fields (one per value, in order). The batch's columns are
// shared, not copied.
Result<std::shared_ptr<columnar::RecordBatch>> AppendPartitionColumns(
    const columnar::RecordBatch& batch, std::shared_ptr<columnar::Schema> out_schema,
    const std::vector<PartitionValue>& values);

}  // namespace s3c::dataset
