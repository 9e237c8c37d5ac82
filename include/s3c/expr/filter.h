// The filter language: a SQL WHERE subset, parsed once and bound to a schema, then evaluated
// three ways from the same bound expression (evaluate.h: rows of a batch; prune.h: partition
// values and column statistics).
//
// Grammar (keywords case-insensitive; identifiers bare and case-insensitive, or "quoted" and
// exact):
//   expr     := or ;  or := and (OR and)* ;  and := not (AND not)* ;  not := NOT not | pred
//   pred     := concat [ cmp concat | IS [NOT] NULL | [NOT] IN (expr, ...)
//                      | [NOT] BETWEEN concat AND concat | [NOT] (LIKE|ILIKE) concat [ESCAPE str] ]
//   cmp      := = | == | <> | != | < | <= | > | >=
//   concat   := sum (|| sum)* ;  sum := prod ((+|-) prod)* ;  prod := unary ((*|/|//|%) unary)*
//   unary    := - unary | postfix ;  postfix := primary (:: type)*
//   primary  := literal | column | ( expr ) | CAST(expr AS type) | function(args)
//             | EXTRACT(part FROM expr) | CURRENT_DATE | CURRENT_TIMESTAMP
//             | CASE [expr] (WHEN expr THEN expr)+ [ELSE expr] END
//   literal  := 12 | 1.5 | 1e3 | 'text' | DATE 'YYYY-MM-DD' | TIMESTAMP 'YYYY-MM-DD HH:MM[:SS[.f]]'
//             | INTERVAL 'n unit' | INTERVAL n unit | NULL | TRUE | FALSE
//             (units: year month week day hour minute second, singular or plural)
//   type     := BOOLEAN | TINYINT | SMALLINT | INTEGER | INT | BIGINT | FLOAT | REAL | DOUBLE
//             | VARCHAR | TEXT | STRING | DATE | TIMESTAMP
//   functions: lower upper length substr/substring trim starts_with ends_with contains
//              regexp_matches (RE2, constant pattern) concat date_trunc date_part year month day
//              hour now current_date coalesce; parts: year quarter month week day hour minute
//              second dow doy
//   comments: -- to the end of the line
//
// Types follow DuckDB: integers (any width) evaluate as int64 and widen to double beside a
// float; `/` on integers gives a double, `//` is integer division (NULL on zero), `%` on zero is
// NULL; a string literal compared with a number, date or timestamp is cast to that type when
// bound; date vs timestamp compares as timestamps; NaN equals NaN and sorts above every number;
// date +/- integer is a date, date - date an integer, date or timestamp +/- INTERVAL a timestamp.
// Differences from DuckDB, each named in tests/differential/expr_differential_test.cc: literals
// with a fraction are doubles (DuckDB: DECIMAL), integer overflow is an error, every operand is
// evaluated on every row (no short-circuit), case mapping covers Latin, Greek and Cyrillic only.
// NULL follows SQL three-valued logic; a filter keeps only rows where the predicate is TRUE.
//
// Thread-safety: a Filter is immutable after Bind and may be shared by any number of threads;
// every evaluation keeps its state in the call.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::expr {

// 1-based line and column (in bytes) of a position in the expression text.
struct SourcePos {
  int line = 1;
  int column = 1;
};

struct BoundNode;  // src/expr/bound.h

class Filter {
 public:
  // Parses `text` and binds it to `schema`. Errors are InvalidArgument and point into the text:
  //   `unknown column "amout" at 1:8 (did you mean "amount"?)`
  //   `operator "+" does not apply to string and int64 at 1:10`
  //   `expected ")" at 1:12, found end of input`
  // The predicate must be boolean (or NULL): "filter must be a boolean expression, not int64".
  static Result<std::shared_ptr<const Filter>> Bind(std::string_view text,
                                                    const columnar::Schema& schema);

  const std::string& text() const { return text_; }
  // The schema the filter was bound to: batches given to evaluation must have it (columns are
  // looked up by index).
  const columnar::Schema& schema() const { return *schema_; }
  const BoundNode& root() const { return *root_; }

  Filter(std::string text, std::shared_ptr<const columnar::Schema> schema,
         std::shared_ptr<const BoundNode> root)
      : text_(std::move(text)), schema_(std::move(schema)), root_(std::move(root)) {}

 private:
  std::string text_;
  std::shared_ptr<const columnar::Schema> schema_;
  std::shared_ptr<const BoundNode> root_;
};

}  // namespace s3c::expr
