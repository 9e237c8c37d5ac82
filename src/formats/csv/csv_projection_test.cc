// Projection inside the CSV reader (CsvReadOptions::columns): the projected read equals the
// whole read with the other columns dropped, on one thread and in parallel chunks; cells of
// columns left out are not converted, so they never reject a record.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "formats/csv/csv_test_util.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::csv {
namespace {

using testing::Outcome;

// The columns of `all` named in `names`, in the file's order: what the projected read holds.
Outcome Projected(const Outcome& all, const CsvReadOptions& o, const std::string& text,
                  const std::vector<std::string>& names) {
  Outcome out = all;
  auto reader = OpenCsvReader(MakeStringInput(text), "p.csv", o);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  const auto& schema = *(*reader)->schema();
  std::vector<int> keep;
  std::vector<columnar::Field> fields;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (std::find(names.begin(), names.end(), schema.field(i).name()) != names.end()) {
      keep.push_back(i);
      fields.push_back(schema.field(i));
    }
  }
  out.schema = columnar::MakeSchema(std::move(fields))->ToString();
  for (auto& row : out.rows) {
    std::vector<std::string> kept;
    for (int i : keep) kept.push_back(row[static_cast<size_t>(i)]);
    row = std::move(kept);
  }
  return out;
}

void ExpectSameAsDropping(const std::string& text, CsvReadOptions o,
                          const std::vector<std::string>& names) {
  o.threads = 1;
  const Outcome all = testing::Read(text, o, 1 << 20);
  ASSERT_EQ(all.status, "OK");
  const Outcome want = Projected(all, o, text, names);
  o.columns = names;
  for (int threads : {1, 3}) {
    for (size_t chunk : {size_t{5}, size_t{1} << 20}) {
      SCOPED_TRACE(std::to_string(threads) + " threads, chunk " + std::to_string(chunk));
      o.threads = threads;
      o.parallel_chunk_bytes = chunk;
      const Outcome got = testing::Read(text, o, chunk);
      EXPECT_EQ(got.status, "OK");
      EXPECT_EQ(got.schema, want.schema);
      EXPECT_EQ(got.rows, want.rows);
      EXPECT_EQ(got.rows_read, want.rows_read);
      EXPECT_EQ(got.rows_rejected, want.rows_rejected);
      EXPECT_EQ(got.rejected, want.rejected);
    }
  }
}

std::string Generated(int n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string text = "id,name,price,flag,day,note\n";
  for (int i = 0; i < n; ++i) {
    const uint32_t r = rng();
    std::string name = "n" + std::to_string(r % 1000);
    if (r % 5 == 0) name = "\"quoted, with \"\"quotes\"\"\nand a line break\"";
    std::string note = r % 7 == 0 ? "" : (r % 3 == 0 ? "\"a,b\"" : "plain " + std::to_string(i));
    text += std::to_string(i) + "," + name + "," + std::to_string((r % 10000) / 100.0) + "," +
            (r % 2 ? "true" : "false") + ",2024-0" + std::to_string(1 + r % 9) + "-1" +
            std::to_string(r % 10) + "," + note + (r % 11 == 0 ? "\r\n" : "\n");
  }
  return text;
}

TEST(CsvProjection, EqualsTheWholeReadWithTheOtherColumnsDropped) {
  const std::string text = Generated(2000, 11);
  CsvReadOptions o;
  for (const auto& names : std::vector<std::vector<std::string>>{
           {"id"}, {"note"}, {"name"}, {"day", "id"}, {"price", "flag", "note"}}) {
    SCOPED_TRACE(names.front());
    ExpectSameAsDropping(text, o, names);
  }
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  o.ragged = RaggedRowPolicy::kPadWithNulls;
  // Ragged rows (padded, or rejected when too long) and a bad cell in a projected column.
  ExpectSameAsDropping(text + "1,short\n2,x,1.5,true,2024-01-01,n,extra\nnot a number,y,2,false,"
                              "2024-01-02,z\n",
                       o, {"id", "name"});
}

TEST(CsvProjection, UnprojectedCellsAreNotConverted) {
  // Column n is typed int64 by the schema, and some of its cells are not numbers.
  const std::string text = "id,n,s\n1,10,a\n2,x,b\n3,30,\"c,\"\"d\"\"\"\n4,y,e\n";
  CsvReadOptions o;
  o.schema_mode = SchemaMode::kFull;
  o.schema = columnar::MakeSchema({columnar::Field("id", columnar::Int64()),
                                   columnar::Field("n", columnar::Int64()),
                                   columnar::Field("s", columnar::String())});
  const Outcome whole = testing::Read(text, o, 1 << 20);
  EXPECT_EQ(whole.status,
            "DataLoss: p.csv:3: byte offset 14: column n (#2): expected int64, got \"x\"");
  o.columns = {"s", "id"};
  const Outcome projected = testing::Read(text, o, 1 << 20);
  EXPECT_EQ(projected.status, "OK");
  EXPECT_EQ(projected.schema, "id: int64\ns: string");
  ASSERT_EQ(projected.rows.size(), 4u);
  EXPECT_EQ(projected.rows[2], (std::vector<std::string>{"3", "c,\"d\""}));
  EXPECT_EQ(projected.rows_rejected, 0);
  o.columns = {"n"};
  o.bad_records.policy = BadRecordPolicy::kSkip;
  EXPECT_EQ(testing::Read(text, o, 1 << 20).rows_rejected, 2);
}

TEST(CsvProjection, UnknownColumnNamesTheFilesColumns) {
  CsvReadOptions o;
  o.columns = {"a", "zz"};
  auto reader = OpenCsvReader(MakeStringInput("a,b\n1,2\n"), "t.csv", o);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "t.csv: no column 'zz' (columns: a, b)");
}

}  // namespace
}  // namespace s3c::formats::csv
