// DuckDB's spelling of s3c types and the column-type comparison (duckdb_types.h).
#include "support/duckdb_types.h"

#include <fmt/format.h>

#include "support/oracle_json.h"

namespace s3c::testing {
namespace {

using columnar::DataType;
using columnar::TimeUnit;
using columnar::TypeId;

std::string TimestampName(const DataType& t) {
  if (!t.timezone().empty()) return "TIMESTAMP WITH TIME ZONE";
  switch (t.unit()) {
    case TimeUnit::kSecond:
      return "TIMESTAMP_S";
    case TimeUnit::kMilli:
      return "TIMESTAMP_MS";
    case TimeUnit::kMicro:
      return "TIMESTAMP";
    case TimeUnit::kNano:
      return "TIMESTAMP_NS";
  }
  return "?";
}

class Namer {
 public:
  Namer(const std::vector<TypeException>& exceptions, std::set<size_t>* applied)
      : exceptions_(exceptions), applied_(applied) {}

  std::string Name(const DataType& t) {
    if (!exceptions_.empty()) {
      const std::string text = t.ToString();
      for (size_t i = 0; i < exceptions_.size(); ++i) {
        if (exceptions_[i].s3c != text) continue;
        if (applied_ != nullptr) applied_->insert(i);
        return exceptions_[i].duckdb;
      }
    }
    switch (t.id()) {
      case TypeId::kNull:
        return "NULL";
      case TypeId::kBool:
        return "BOOLEAN";
      case TypeId::kInt8:
        return "TINYINT";
      case TypeId::kInt16:
        return "SMALLINT";
      case TypeId::kInt32:
        return "INTEGER";
      case TypeId::kInt64:
        return "BIGINT";
      case TypeId::kUInt8:
        return "UTINYINT";
      case TypeId::kUInt16:
        return "USMALLINT";
      case TypeId::kUInt32:
        return "UINTEGER";
      case TypeId::kUInt64:
        return "UBIGINT";
      case TypeId::kFloat32:
        return "FLOAT";
      case TypeId::kFloat64:
        return "DOUBLE";
      case TypeId::kDecimal128:
        return fmt::format("DECIMAL({},{})", t.precision(), t.scale());
      case TypeId::kString:
      case TypeId::kLargeString:
        return "VARCHAR";
      case TypeId::kBinary:
        return "BLOB";
      case TypeId::kDate32:
        return "DATE";
      case TypeId::kTime32:
        return "TIME";
      case TypeId::kTime64:
        return t.unit() == TimeUnit::kNano ? "TIME_NS" : "TIME";
      case TypeId::kTimestamp:
        return TimestampName(t);
      case TypeId::kList:
        return Name(t.value_type()) + "[]";
      case TypeId::kStruct: {
        std::string out = "STRUCT(";
        for (int i = 0; i < t.num_fields(); ++i) {
          if (i > 0) out += ", ";
          out += SqlIdentifier(t.field(i).name()) + " " + Name(t.field(i).type());
        }
        return out + ")";
      }
      case TypeId::kMap:
        return "MAP(" + Name(t.key_type()) + ", " + Name(t.item_type()) + ")";
    }
    return t.ToString();
  }

 private:
  const std::vector<TypeException>& exceptions_;
  std::set<size_t>* applied_;
};

}  // namespace

std::string DuckDbTypeName(const DataType& type, const std::vector<TypeException>& exceptions,
                           std::set<size_t>* applied) {
  return Namer(exceptions, applied).Name(type);
}

::testing::AssertionResult TypesEqual(const std::vector<OracleColumn>& duckdb,
                                      const columnar::Schema& s3c,
                                      const std::vector<TypeException>& exceptions,
                                      std::set<size_t>* used) {
  std::string report;
  if (static_cast<size_t>(s3c.num_fields()) != duckdb.size()) {
    report += fmt::format("\n  s3c has {} columns, DuckDB {}", s3c.num_fields(), duckdb.size());
  }
  for (size_t i = 0; i < duckdb.size() && i < static_cast<size_t>(s3c.num_fields()); ++i) {
    const columnar::Field& field = s3c.field(static_cast<int>(i));
    std::set<size_t> applied;
    const std::string ours = DuckDbTypeName(field.type(), exceptions, &applied);
    if (field.name() != duckdb[i].name || ours != duckdb[i].type) {
      report +=
          fmt::format("\n  column {}: s3c {} {} (DuckDB spelling {}), DuckDB {} {}", i + 1,
                      field.name(), field.type().ToString(), ours, duckdb[i].name, duckdb[i].type);
    } else if (used != nullptr) {
      used->insert(applied.begin(), applied.end());
    }
  }
  if (report.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "column types differ:" << report;
}

std::vector<OracleColumn> DescribedColumns(const OracleTable& describe) {
  std::vector<OracleColumn> out;
  for (const std::string& row : describe.rows) {
    const std::vector<std::string> cells = SplitCanonicalRow(row);
    OracleColumn column;
    if (cells.size() < 2 || !oracle_json::DecodeString(cells[0], &column.name) ||
        !oracle_json::DecodeString(cells[1], &column.type)) {
      ADD_FAILURE() << "not a DESCRIBE row: " << row;
      continue;
    }
    out.push_back(std::move(column));
  }
  return out;
}

::testing::AssertionResult EveryExceptionUsed(const std::vector<TypeException>& exceptions,
                                              const std::set<size_t>& used) {
  std::string unused;
  for (size_t i = 0; i < exceptions.size(); ++i) {
    if (used.count(i) == 0) {
      unused += fmt::format("\n  {} -> {} ({})", exceptions[i].s3c, exceptions[i].duckdb,
                            exceptions[i].reason);
    }
  }
  if (unused.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "type exceptions that no column needed (remove them):" << unused;
}

}  // namespace s3c::testing
