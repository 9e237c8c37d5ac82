// Converts CSV cells of one column to its schema type. Parse() stages a value without touching
// the builder, so a record whose later cell fails can be rejected whole.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "s3c/columnar/builder.h"
#include "s3c/columnar/decimal.h"
#include "s3c/formats/csv/csv_options.h"

namespace s3c::formats::csv {

struct CellValue {
  bool is_null = false;
  int64_t i = 0;  // bool, integers, date32, timestamp
  double d = 0;
  columnar::Int128 dec = 0;
  std::string_view s;
};

class ColumnConverter {
 public:
  // Fails for types CSV cannot hold (nested, time, unsigned, map).
  static Result<std::unique_ptr<ColumnConverter>> Make(const columnar::Field& field,
                                                       const CsvReadOptions& options);

  // False when the cell does not parse as the column's type (nulls always parse).
  bool Parse(std::string_view cell, bool quoted, CellValue* out) const;
  void Append(const CellValue& v);
  Result<std::shared_ptr<columnar::Array>> Finish();

 private:
  ColumnConverter(columnar::DataType type, const CsvReadOptions* options);

  columnar::DataType type_;
  const CsvReadOptions* options_;
  InferenceOptions text_opts_;  // null/true/false strings from options_
  std::unique_ptr<columnar::ArrayBuilder> builder_;
};

}  // namespace s3c::formats::csv
