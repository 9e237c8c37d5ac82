// Compares s3c's rows of a corpus file with the *_expect.csv beside it (parquet_corpus_test_expect_csv.h).
#include "formats/parquet/parquet_corpus_test_expect_csv.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/duckdb_oracle.h"

namespace s3c::formats::parquet {
namespace {

std::vector<std::vector<std::string>> ParseCsv(const std::string& text,
                                               std::vector<std::vector<bool>>* quoted) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::vector<bool> row_quoted;
  std::string field;
  bool in_quotes = false, was_quoted = false, any = false;
  auto end_field = [&] {
    row.push_back(field);
    row_quoted.push_back(was_quoted);
    field.clear();
    was_quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      in_quotes = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      rows.push_back(std::move(row));
      quoted->push_back(std::move(row_quoted));
      row.clear();
      row_quoted.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    end_field();
    rows.push_back(std::move(row));
    quoted->push_back(std::move(row_quoted));
  }
  return rows;
}

// A canonical element ("\"12\"", "\"abc\"", null) as the plain text a CSV holds; nullopt for
// null.
std::optional<std::string> PlainText(const std::string& json) {
  if (json == "null") return std::nullopt;
  if (json.size() < 2 || json.front() != '"') return json;
  std::string out;
  for (size_t i = 1; i + 1 < json.size(); ++i) {
    if (json[i] == '\\' && i + 2 < json.size()) {
      const char e = json[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += json[i];
    }
  }
  return out;
}

}  // namespace

void CompareWithExpectCsv(const std::string& csv_path, const FileReadOutcome& read) {
  std::ifstream in(csv_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<std::vector<bool>> quoted;
  auto rows = ParseCsv(ss.str(), &quoted);
  ASSERT_FALSE(rows.empty());
  ASSERT_EQ(static_cast<int64_t>(rows.size() - 1), read.rows);
  ASSERT_EQ(rows[0].size(), static_cast<size_t>(read.schema->num_fields()));
  // Columns match by position: the CSV headers are not always the file's names (one has
  // " c_customer_id" for c_customer_id, another "c_birth_day" for "c_birth_day:").
  size_t r = 1;
  int differences = 0;
  for (const auto& batch : read.batches) {
    for (int64_t i = 0; i < batch->num_rows(); ++i, ++r) {
      for (int c = 0; c < batch->num_columns(); ++c) {
        const auto want = (rows[r][static_cast<size_t>(c)].empty() && !quoted[r][c])
                              ? std::nullopt
                              : std::optional<std::string>(rows[r][static_cast<size_t>(c)]);
        const auto got = PlainText(testing::CanonicalValue(*batch->column(c), i));
        if (want != got && ++differences <= 10) {
          ADD_FAILURE() << csv_path << " row " << r << " column " << rows[0][c] << ": expected "
                        << want.value_or("null") << ", s3c read " << got.value_or("null");
        }
      }
    }
  }
}

}  // namespace s3c::formats::parquet
