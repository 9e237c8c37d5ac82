// Dialect detection (SniffCsv and CsvReadOptions::detect_dialect).
#include <gtest/gtest.h>

#include "formats/csv/csv_test_util.h"

namespace s3c::formats::csv {
namespace {

using testing::ReadCsv;

// Semicolon-separated, 3000 rows: text values with commas and doubled quotes, every 7th one
// with a line break inside its quotes; the first rows hold no quote at all.
std::string SemicolonFile() {
  std::string text = "id;name;comment;amount\n";
  for (int i = 1; i <= 3000; ++i) {
    std::string comment;
    if (i % 7 == 0) {
      comment = fmt::format("\"line one, of {}\nline two\"", i);
    } else if (i % 3 == 0) {
      comment = fmt::format("\"she said \"\"hi, {}\"\"\"", i);
    } else if (i > 5) {
      comment = fmt::format("\"a, b, {}\"", i);
    } else {
      comment = "plain";
    }
    text += fmt::format("{};Smith, {};{};{}.5\n", i, i, comment, i);
  }
  return text;
}

CsvReadOptions Detect() {
  CsvReadOptions o;
  o.detect_dialect = true;
  return o;
}

TEST(CsvSniffer, SemicolonsWithQuotedCommasQuotesAndLineBreaks) {
  const std::string text = SemicolonFile();
  // Chunk sizes from one byte: detection looks at the first MiB whatever the read size.
  for (size_t chunk : {size_t{1}, size_t{1000}, size_t{64} << 10, size_t{1} << 20}) {
    auto r = ReadCsv(text, Detect(), chunk);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->schema->num_fields(), 4) << r->schema->ToString();
    EXPECT_EQ(r->schema->ToString(),
              "id: int64\nname: string\ncomment: string\namount: double");
    ASSERT_EQ(r->rows.size(), 3000u);
    EXPECT_EQ(r->rows[6], (testing::RowsT::value_type{"7", "Smith, 7", "line one, of 7\nline two", "7.5"}));
    EXPECT_EQ(r->rows[8], (testing::RowsT::value_type{"9", "Smith, 9", "she said \"hi, 9\"", "9.5"}));
    EXPECT_EQ(r->rows[2999][0], "3000");
  }
  // Without detection the comma default splits the names: the failure the sniffer prevents.
  EXPECT_FALSE(ReadCsv(text, {}).ok());
  auto sniffed = SniffCsv(text);
  ASSERT_TRUE(sniffed.ok()) << sniffed.status().ToString();
  EXPECT_EQ(sniffed->dialect.delimiter, ';');
  EXPECT_EQ(sniffed->dialect.quote, '"');
  EXPECT_TRUE(sniffed->has_header);
}

TEST(CsvSniffer, EachDelimiterAndQuote) {
  struct Case {
    std::string text;
    char delimiter;
    char quote;
  };
  const Case cases[] = {
      {"a,b,c\n1,2,3\n4,5,6\n", ',', '"'},
      {"a\tb\n\"x, y\"\t1\nz\t2\n", '\t', '"'},
      {"a|b\n'x|y'|1\n'z'|2\n", '|', '\''},
      {"a;b\n\"1;2\";3\n4;\"5\"\"\"\n", ';', '"'},
      // A comma in every line of a tab-separated file: both fit every line, more fields wins.
      {"a\tb\tc, d\n1\t2\t3, 4\n", '\t', '"'},
  };
  for (const Case& c : cases) {
    auto r = SniffCsv(c.text, {}, {}, true);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status().ToString();
    EXPECT_EQ(r->dialect.delimiter, c.delimiter) << c.text;
    EXPECT_EQ(r->dialect.quote, c.quote) << c.text;
  }
}

TEST(CsvSniffer, ALastRecordWithoutLineEndCountsOnlyAtTheEndOfInput) {
  // Cut inside a quoted field: ignored unless the sample is the whole input.
  const std::string cut = "a;b\n1;\"x, y\"\n2;\"open, ";
  auto r = SniffCsv(cut);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->dialect.delimiter, ';');
  auto whole = ReadCsv("a;b\n1;2\n3;4", Detect());
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_EQ(whole->rows, (testing::RowsT{{"1", "2"}, {"3", "4"}}));
}

TEST(CsvSniffer, OneColumnWhenNoCandidateSplitsALine) {
  auto r = ReadCsv("name\nann\nbob\n", Detect());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->schema->ToString(), "name: string");
  EXPECT_EQ(r->rows.size(), 2u);
  auto empty = ReadCsv("", Detect());
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->rows.empty());
}

TEST(CsvSniffer, UndecidableSamplesFailWithAHint) {
  // Two delimiters that fit every line equally well.
  auto tie = ReadCsv("a,b;c\n1,2;3\n4,5;6\n", Detect(), 1 << 20, "tie.csv");
  ASSERT_FALSE(tie.ok());
  EXPECT_EQ(tie.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(tie.status().message().find("tie.csv"), std::string::npos) << tie.status().ToString();
  EXPECT_NE(tie.status().message().find("',' and ';'"), std::string::npos)
      << tie.status().ToString();
  EXPECT_NE(tie.status().message().find("--delimiter"), std::string::npos);
  // No candidate gives most lines the same number of fields.
  auto ragged = ReadCsv("a,b\n1,2,3\nx\n4,5,6,7\ny;z\n8\n", Detect(), 1 << 20, "ragged.csv");
  ASSERT_FALSE(ragged.ok());
  EXPECT_NE(ragged.status().message().find("cannot detect the delimiter"), std::string::npos)
      << ragged.status().ToString();
  EXPECT_NE(ragged.status().message().find("--delimiter"), std::string::npos);
}

TEST(CsvSniffer, ARaggedFileThatOnlyOneDelimiterSplitsUsesIt) {
  auto r = SniffCsv("a,b\n1\n2,3,4\n5,6\n", {}, {}, true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->dialect.delimiter, ',');
  CsvReadOptions o = Detect();
  o.ragged = RaggedRowPolicy::kTruncate;
  auto rows = ReadCsv("a,b\n1\n2,3,4\n5,6\n", o);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->rows, (testing::RowsT{{"1", "<null>"}, {"2", "3"}, {"5", "6"}}));
}

TEST(CsvSniffer, DetectionKeepsTheOtherDialectSettings) {
  CsvReadOptions o = Detect();
  o.dialect.comment_prefix = "#";
  o.skip_rows = 1;
  auto r = ReadCsv("garbage line, with, commas\n# a comment, too\nx|y\n1|2\n# c\n3|4\n", o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->schema->ToString(), "x: int64\ny: int64");
  EXPECT_EQ(r->rows, (testing::RowsT{{"1", "2"}, {"3", "4"}}));
}

}  // namespace
}  // namespace s3c::formats::csv
