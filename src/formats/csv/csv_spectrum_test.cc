// csv-spectrum corpus: every csvs/<name>.csv must read as the records in json/<name>.json.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "formats/csv/csv_test_util.h"
#include "support/corpus.h"

namespace s3c::formats::csv {
namespace {

using Record = std::vector<std::pair<std::string, std::string>>;

// The expected records (objects of strings), in file order.
std::vector<Record> LoadExpected(const std::string& path, std::string* error) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.load(path).get(doc) != simdjson::SUCCESS) {
    *error = "cannot parse " + path;
    return {};
  }
  std::vector<simdjson::dom::object> objects;
  simdjson::dom::array arr;
  simdjson::dom::object single;
  if (doc.get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : arr) {
      simdjson::dom::object o;
      if (e.get(o) == simdjson::SUCCESS) objects.push_back(o);
    }
  } else if (doc.get(single) == simdjson::SUCCESS) {
    objects.push_back(single);  // location_coordinates.json holds one object, not a list
  }
  std::vector<Record> out;
  for (simdjson::dom::object o : objects) {
    Record r;
    for (auto field : o) {
      std::string_view v;
      if (field.value.get(v) != simdjson::SUCCESS) *error = "non-string value in " + path;
      r.emplace_back(std::string(field.key), std::string(v));
    }
    out.push_back(std::move(r));
  }
  return out;
}

TEST(CsvSpectrum, EveryFileMatchesItsJson) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "csv-spectrum");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/csvs")) {
    const std::string stem = entry.path().stem().string();
    SCOPED_TRACE(stem);
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string error;
    std::vector<Record> expected = LoadExpected(dir + "/json/" + stem + ".json", &error);
    ASSERT_TRUE(error.empty()) << error;
    CsvReadOptions o;
    o.schema_mode = SchemaMode::kAllStrings;
    o.null_strings = {};
    for (int run = 0; run < 4; ++run) {
      const size_t chunk = run % 2 == 0 ? size_t{1} : size_t{1} << 20;
      o.threads = run < 2 ? 1 : 2;
      o.parallel_chunk_bytes = run == 2 ? 7 : size_t{4} << 20;
      SCOPED_TRACE(run);
      auto r = testing::ReadCsv(ss.str(), o, chunk, stem);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_EQ(r->rows.size(), expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(expected[i].size(), static_cast<size_t>(r->schema->num_fields()));
        for (size_t c = 0; c < expected[i].size(); ++c) {
          EXPECT_EQ(r->schema->field(static_cast<int>(c)).name(), expected[i][c].first);
          // Upstream csv-spectrum bug: location_coordinates.json gives the phone number
          // 1234567890 while the CSV holds 2095257564.
          if (stem == "location_coordinates" && c == 0) {
            EXPECT_EQ(r->rows[i][c], "2095257564");
            continue;
          }
          EXPECT_EQ(r->rows[i][c], expected[i][c].second) << "row " << i << " column " << c;
        }
      }
    }
    // Counted only when every run of this file matched (the ASSERTs above return early).
    if (!::testing::Test::HasFailure()) ++files;
  }
  EXPECT_EQ(files, 12) << "csv-spectrum files read as their JSON";
}

// Projection (CsvReadOptions::columns) on every file: each column alone, and the first with the
// last, equal the whole read with the other columns dropped, on one thread and in chunks.
TEST(CsvSpectrum, ProjectedReadsEqualTheWholeReadWithColumnsDropped) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "csv-spectrum");
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/csvs")) {
    SCOPED_TRACE(entry.path().stem().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    CsvReadOptions o;
    o.threads = 1;
    auto whole = testing::ReadCsv(ss.str(), o);
    ASSERT_TRUE(whole.ok()) << whole.status().ToString();
    const columnar::Schema& schema = *whole->schema;
    const int n = schema.num_fields();
    std::vector<std::vector<int>> picks;
    for (int c = 0; c < n; ++c) picks.push_back({c});
    if (n > 2) picks.push_back({0, n - 1});
    for (const auto& pick : picks) {
      o.columns.clear();
      for (int c : pick) o.columns.push_back(schema.field(c).name());
      for (int threads : {1, 2}) {
        o.threads = threads;
        o.parallel_chunk_bytes = 7;
        auto part = testing::ReadCsv(ss.str(), o, 3);
        ASSERT_TRUE(part.ok()) << part.status().ToString();
        ASSERT_EQ(part->schema->num_fields(), static_cast<int>(pick.size()));
        ASSERT_EQ(part->rows.size(), whole->rows.size());
        for (size_t k = 0; k < pick.size(); ++k) {
          EXPECT_TRUE(part->schema->field(static_cast<int>(k)).Equals(schema.field(pick[k])));
          for (size_t r = 0; r < whole->rows.size(); ++r) {
            EXPECT_EQ(part->rows[r][k], whole->rows[r][static_cast<size_t>(pick[k])]);
          }
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 24);
}

}  // namespace
}  // namespace s3c::formats::csv
