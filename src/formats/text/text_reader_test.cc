#include "s3c/formats/text/text_reader.h"

#include <gtest/gtest.h>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/pretty_print.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::text {
namespace {

// Reads everything; returns "line|number" strings (number only when the column exists).
Result<std::vector<std::string>> ReadAll(std::string data, TextReadOptions options = {}) {
  S3C_ASSIGN_OR_RETURN(auto reader,
                       OpenTextReader(MakeStringInput(std::move(data)), "mem/t.txt", options));
  std::vector<std::string> rows;
  while (true) {
    S3C_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    auto& lines = static_cast<const columnar::StringArray&>(*batch->column(0));
    for (int64_t i = 0; i < batch->num_rows(); ++i) {
      std::string row(lines.GetView(i));
      if (batch->num_columns() == 2) {
        row += "|" + std::to_string(
                         static_cast<const columnar::Int64Array&>(*batch->column(1)).Value(i));
      }
      rows.push_back(std::move(row));
    }
  }
  EXPECT_EQ(reader->rows_read(), static_cast<int64_t>(rows.size()));
  return rows;
}

TEST(TextReader, SplitsLinesOnLfAndCrLf) {
  auto rows = ReadAll("a\r\nb\n\nlast");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"a", "b", "", "last"}));
}

TEST(TextReader, EmptyInputHasNoRows) {
  auto rows = ReadAll("");
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
  rows = ReadAll("\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (std::vector<std::string>{""}));
}

TEST(TextReader, SkipsEmptyLinesButKeepsTheirNumbers) {
  TextReadOptions options;
  options.skip_empty_lines = true;
  options.line_number_column = "n";
  auto rows = ReadAll("x\n\n\r\ny\n", options);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"x|1", "y|4"}));
}

TEST(TextReader, SchemaNamesTheColumns) {
  TextReadOptions options;
  options.line_number_column = "line_number";
  auto reader = OpenTextReader(MakeStringInput("a"), "t", options);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema()->ToString(), "line: string not null\nline_number: int64 not null");
}

TEST(TextReader, BatchesAcrossTinyReadChunks) {
  TextReadOptions options;
  options.read_chunk_bytes = 3;
  options.batch_rows = 2;
  std::string data;
  std::vector<std::string> want;
  for (int i = 0; i < 50; ++i) {
    want.push_back("line " + std::to_string(i) + std::string(static_cast<size_t>(i % 7), 'x'));
    data += want.back() + (i % 2 ? "\r\n" : "\n");
  }
  auto rows = ReadAll(data, options);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, want);
}

TEST(TextReader, TranscodesLatin1AndUtf16) {
  TextReadOptions options;
  options.encoding = TextEncoding::kLatin1;
  auto rows = ReadAll("caf\xe9\n", options);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"caf\xc3\xa9"}));
  // UTF-16LE with BOM: "h\n" "i"
  rows = ReadAll(std::string("\xff\xfeh\0\n\0i\0", 8));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"h", "i"}));
}

TEST(TextReader, InvalidUtf8IsAnErrorWithOffsetOrReplaced) {
  auto rows = ReadAll("ok\nbad \xff here\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("mem/t.txt"), std::string::npos) << rows.status().ToString();
  EXPECT_NE(rows.status().message().find("7"), std::string::npos) << rows.status().ToString();
  TextReadOptions options;
  options.invalid_utf8 = InvalidUtf8Policy::kReplace;
  rows = ReadAll("bad \xff here", options);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"bad \xef\xbf\xbd here"}));
}

TEST(TextReader, OverlongLineFailsWithLineAndOffset) {
  TextReadOptions options;
  options.max_line_bytes = 10;
  options.read_chunk_bytes = 4;
  auto rows = ReadAll("short\n0123456789abcdef\nz", options);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(rows.status().message().find("mem/t.txt:2: byte offset 6"), std::string::npos)
      << rows.status().ToString();
}

TEST(TextReader, RejectsBadOptions) {
  TextReadOptions options;
  options.line_number_column = "line";
  EXPECT_FALSE(OpenTextReader(MakeStringInput("a"), "t", options).ok());
  options = {};
  options.batch_rows = 0;
  EXPECT_FALSE(OpenTextReader(MakeStringInput("a"), "t", options).ok());
}

}  // namespace
}  // namespace s3c::formats::text
