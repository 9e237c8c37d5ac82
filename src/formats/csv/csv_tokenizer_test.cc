#include <gtest/gtest.h>

#include "formats/csv/csv_tokenizer_internal.h"

namespace s3c::formats::csv {
namespace {

using Recs = std::vector<std::vector<std::string>>;

// Tokenizes all of `text` (at EOF); also checks that every prefix cut gives kNeedMore or the
// same first record, so boundaries never change results.
Recs Tok(std::string_view text, const CsvDialect& d = {}, int64_t* lines = nullptr) {
  CsvTokenizer tok(d);
  TokenizedRecord rec;
  std::string err;
  Recs out;
  int64_t total = 0;
  while (true) {
    TokenizeStatus st = tok.Next(text, true, &rec, &err);
    EXPECT_NE(st, TokenizeStatus::kNeedMore);
    EXPECT_NE(st, TokenizeStatus::kError) << err;
    total += rec.skipped_lines + rec.lines;
    if (st != TokenizeStatus::kRecord) break;
    out.emplace_back(rec.fields.begin(), rec.fields.end());
    text.remove_prefix(rec.end);
  }
  if (lines) *lines = total;
  return out;
}

TEST(CsvTokenizer, Rfc4180Basics) {
  EXPECT_EQ(Tok("a,b,c\n1,2,3\n"), (Recs{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(Tok("a,b\n1,2"), (Recs{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Tok("a,,\n"), (Recs{{"a", "", ""}}));
  EXPECT_EQ(Tok("\"x,y\",\"he said \"\"hi\"\"\"\n"), (Recs{{"x,y", "he said \"hi\""}}));
  EXPECT_EQ(Tok("\"multi\nline\",2\n"), (Recs{{"multi\nline", "2"}}));
  EXPECT_EQ(Tok("\"\",x"), (Recs{{"", "x"}}));
}

TEST(CsvTokenizer, LineEndingsAndCounts) {
  int64_t lines = 0;
  EXPECT_EQ(Tok("a\r\nb\rc\nd", {}, &lines), (Recs{{"a"}, {"b"}, {"c"}, {"d"}}));
  EXPECT_EQ(lines, 4);
  EXPECT_EQ(Tok("\"x\r\ny\",1\r\n2,3\r\n", {}, &lines), (Recs{{"x\r\ny", "1"}, {"2", "3"}}));
  EXPECT_EQ(lines, 3);
}

TEST(CsvTokenizer, Dialects) {
  CsvDialect tsv;
  tsv.delimiter = '\t';
  EXPECT_EQ(Tok("a\tb,c\n", tsv), (Recs{{"a", "b,c"}}));
  CsvDialect pipe;
  pipe.delimiter = '|';
  EXPECT_EQ(Tok("a|b\n", pipe), (Recs{{"a", "b"}}));
  CsvDialect semi;
  semi.delimiter = ';';
  semi.quote = '\'';
  EXPECT_EQ(Tok("'a;b';c\n", semi), (Recs{{"a;b", "c"}}));
  CsvDialect bs;
  bs.escape = '\\';
  bs.double_quote = false;
  EXPECT_EQ(Tok("\"a\\\"b\",c\\,d\n", bs), (Recs{{"a\"b", "c,d"}}));
  CsvDialect noquote;
  noquote.quote = '\0';
  EXPECT_EQ(Tok("\"a,b\"\n", noquote), (Recs{{"\"a", "b\""}}));
}

TEST(CsvTokenizer, CommentsBlankLinesTrim) {
  CsvDialect d;
  d.comment_prefix = "#";
  int64_t lines = 0;
  EXPECT_EQ(Tok("# c1\na,b\n\n#c2\n1,2\n", d, &lines), (Recs{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(lines, 5);
  CsvDialect keep;
  keep.skip_blank_lines = false;
  EXPECT_EQ(Tok("a\n\nb\n", keep), (Recs{{"a"}, {""}, {"b"}}));
  CsvDialect trim;
  trim.trim_whitespace = true;
  EXPECT_EQ(Tok("  a , \" b \" ,c  \n", trim), (Recs{{"a", " b ", "c"}}));
}

TEST(CsvTokenizer, NeedMoreAtEveryCut) {
  const std::string text = "a,\"b\"\"c\nd\",e\r\nf,g\r\n";
  CsvDialect d;
  CsvTokenizer tok(d);
  TokenizedRecord rec;
  std::string err;
  for (size_t cut = 0; cut < 14; ++cut) {
    auto st = tok.Next(std::string_view(text).substr(0, cut), false, &rec, &err);
    EXPECT_EQ(st, TokenizeStatus::kNeedMore) << "cut " << cut;
  }
  ASSERT_EQ(tok.Next(text, false, &rec, &err), TokenizeStatus::kRecord);
  EXPECT_EQ(rec.fields.size(), 3u);
  EXPECT_EQ(rec.fields[1], "b\"c\nd");
  EXPECT_EQ(rec.end, 14u);
  EXPECT_EQ(rec.lines, 2);
}

TEST(CsvTokenizer, UnterminatedQuoteIsAnError) {
  CsvTokenizer tok({});
  TokenizedRecord rec;
  std::string err;
  EXPECT_EQ(tok.Next("a,\"bc\n", true, &rec, &err), TokenizeStatus::kError);
  EXPECT_EQ(err, "unterminated quoted field");
}

TEST(CsvTokenizer, SkipLines) {
  size_t consumed = 0;
  EXPECT_EQ(CsvTokenizer::SkipLines("x\r\ny\nz", 2, false, &consumed), 2);
  EXPECT_EQ(consumed, 5u);
  EXPECT_EQ(CsvTokenizer::SkipLines("x\r", 1, false, &consumed), 0);
  EXPECT_EQ(CsvTokenizer::SkipLines("x", 1, true, &consumed), 1);
  EXPECT_EQ(consumed, 1u);
}

}  // namespace
}  // namespace s3c::formats::csv

namespace s3c::formats::csv {
namespace {

TEST(CsvTokenizer, TextAfterClosingQuoteIsKept) {
  EXPECT_EQ(Tok("\"a\"b,c\n"), (Recs{{"ab", "c"}}));
  EXPECT_EQ(Tok("x\"y\",z\n"), (Recs{{"x\"y\"", "z"}}));
}

}  // namespace
}  // namespace s3c::formats::csv
