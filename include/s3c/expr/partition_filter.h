// The parts of a filter that partition values alone decide, for pruning before any data is
// read (dataset's partition listing): which columns a filter reads, the filter reduced to its
// top-level AND terms over a given set of columns, and the equality / range constraints those
// terms put on each column.
//
// Contract: leaving a term out of an AND only widens what it keeps, so a reduced filter keeps
// every row the whole filter keeps (conservative). Terms under OR or NOT are never split.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"
#include "s3c/expr/filter.h"

namespace s3c::expr {

// The column names the filter text reads, as written (bare names as typed; the binder matches
// them case-insensitively). InvalidArgument for text that does not parse.
Result<std::set<std::string>> ColumnsRead(std::string_view text);

// The filter made of the top-level AND terms of `text` that read only columns of `schema`
// (names resolve as in Filter::Bind), bound to `schema`; nullptr when no term qualifies.
// Errors only for text that does not parse, or a qualifying term that does not bind.
Result<std::shared_ptr<const Filter>> BindTermsOver(std::string_view text,
                                                    const columnar::Schema& schema);

// A literal a constraint compares with, as written.
struct ConstraintValue {
  enum class Kind { kString, kInteger, kFloat, kDate, kTimestamp };
  Kind kind = Kind::kString;
  std::string text;  // string literals unquoted; DATE '...' / TIMESTAMP '...' their quoted text
};

// What the top-level AND terms say about one column: `column = v`, `v = column` and
// `column IN (v, ...)` give `equals` (intersected over several terms is not attempted: the
// first such term wins); `<`, `<=`, `>`, `>=` and BETWEEN with a literal give the bounds.
struct ColumnConstraint {
  std::optional<std::vector<ConstraintValue>> equals;
  std::optional<ConstraintValue> lower, upper;
  bool lower_inclusive = true, upper_inclusive = true;
};

// By column name as written in `names` (matched like the binder: exact, else ignoring case
// for bare names); columns without a constraint are absent.
Result<std::map<std::string, ColumnConstraint>> ConstraintsOn(
    std::string_view text, const std::set<std::string>& names);

}  // namespace s3c::expr
