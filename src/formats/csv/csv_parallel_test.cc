// Parallel parsing must give exactly what one thread gives: rows, counters, errors, line
// numbers, byte offsets and quarantined records, for every chunk size and thread count.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "formats/csv/chunk_splitter.h"
#include "formats/csv/csv_test_util.h"

namespace s3c::formats::csv {
namespace {

using testing::Outcome;
using testing::Read;

// Lines meant to fool quote parity and chunk cuts: quoted newlines and CRs, doubled quotes,
// comments with odd quotes, blank lines, ragged rows, bad values, stray quotes mid-field.
std::string Generate(uint64_t seed, int rows, bool escapes) {
  std::mt19937_64 rng(seed);
  std::string s = "id,text,amount,day\n";
  for (int i = 0; i < rows; ++i) {
    uint64_t r = rng();
    const char* eol = (r >> 7) % 5 == 0 ? "\r\n" : "\n";
    switch (r % 23) {
      case 0:
        s += "# a comment with an \"odd quote\n";
        continue;
      case 1:
        s += eol;
        continue;
      case 2:
        s += fmt::format("{},ragged{}", i, eol);
        continue;
      case 3:
        s += fmt::format("x{},bad int,1.5,2024-01-01{}", i, eol);
        continue;
      case 4:
        s += fmt::format("{},st\"ray,2.5,2024-01-02{}", i, eol);
        continue;
      case 5:
        s += fmt::format("{},\"a\nb,\"\"c\"\"\r\nd\",3,2024-02-03{}", i, eol);
        continue;
      case 6:
        s += fmt::format("{},\"\n\n\",4,not a date{}", i, eol);
        continue;
      case 7:
        if (escapes) {
          s += fmt::format("{},\"e\\\"q\\\nx\",5,2024-03-04{}", i, eol);
          s += fmt::format("{},p\\,q\\\nr,6,2024-03-05{}", i, eol);
          continue;
        }
        break;
      default:
        break;
    }
    s += fmt::format("{},\"v{}, w\",{}.{},2024-{:02}-{:02}{}", i, r % 1000, (r >> 10) % 100,
                     (r >> 20) % 10, 1 + (r >> 30) % 12, 1 + (r >> 40) % 28, eol);
  }
  return s;
}

// When the read fails midway, batches before the error end at different rows (chunk ends):
// then the rows of both must be prefixes of one sequence.
void ExpectSame(const Outcome& a, const Outcome& b, int64_t batch_rows) {
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.schema, b.schema);
  if (a.status == "OK") {
    EXPECT_EQ(a.rows, b.rows);
    EXPECT_EQ(a.rows_read, b.rows_read);
  } else {
    size_t n = std::min(a.rows.size(), b.rows.size());
    EXPECT_TRUE(std::equal(a.rows.begin(), a.rows.begin() + n, b.rows.begin()));
  }
  EXPECT_EQ(a.rows_rejected, b.rows_rejected);
  EXPECT_EQ(a.rejected, b.rejected);
  for (int64_t n : b.batch_rows) {
    EXPECT_GT(n, 0);
    EXPECT_LE(n, batch_rows);
  }
}

TEST(CsvParallel, SameAsOneThreadForEveryPolicyChunkAndThreadCount) {
  for (bool escapes : {false, true}) {
    const std::string text = Generate(escapes ? 11 : 7, 400, escapes);
    for (BadRecordPolicy policy :
         {BadRecordPolicy::kFail, BadRecordPolicy::kSkip, BadRecordPolicy::kQuarantine}) {
      for (int variant = 0; variant < 3; ++variant) {
        CsvReadOptions o;
        o.dialect.comment_prefix = "#";
        if (escapes) {
          o.dialect.escape = '\\';
          o.dialect.double_quote = false;
        }
        o.inference.max_rows = 20;
        o.batch_rows = 50;
        o.bad_records.policy = policy;
        if (variant == 1) {
          o.ragged = RaggedRowPolicy::kPadWithNulls;
          o.bad_records.max_errors = 15;
        }
        if (variant == 2) o.bad_records.max_error_ratio = 0.1;
        o.threads = 1;
        const Outcome ref = Read(text, o, 1 << 20);
        if (policy == BadRecordPolicy::kQuarantine) {
          EXPECT_FALSE(ref.rejected.empty());
          EXPECT_EQ(static_cast<int64_t>(ref.rejected.size()), ref.rows_rejected);
        }
        for (int threads : {1, 2, 4}) {
          for (size_t chunk : {size_t{7}, size_t{64}, size_t{1000}}) {
            SCOPED_TRACE(fmt::format("escapes {} policy {} variant {} threads {} chunk {}", escapes,
                                     static_cast<int>(policy), variant, threads, chunk));
            o.threads = threads;
            o.parallel_chunk_bytes = chunk;
            ExpectSame(ref, Read(text, o, chunk == 7 ? 5 : 4096), o.batch_rows);
          }
        }
      }
    }
  }
}

TEST(CsvParallel, ResultsAreRealAndErrorsExact) {
  // Guards the comparison above against comparing two empty outcomes.
  CsvReadOptions o;
  o.dialect.comment_prefix = "#";
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  o.inference.max_rows = 2;
  o.threads = 2;
  o.parallel_chunk_bytes = 8;
  const std::string text = "a,b\n1,\"x\ny\"\n# c \"\n2,\"p,\"\"q\"\"\"\r\nz,3\n\n4,\"\n\"\n";
  Outcome r = Read(text, o, 3);
  EXPECT_EQ(r.status, "OK");
  EXPECT_EQ(r.rows, (testing::RowsT{{"1", "x\ny"}, {"2", "p,\"q\""}, {"4", "\n"}}));
  EXPECT_EQ(r.rejected,
            (std::vector<std::string>{"p.csv|6|31|column a (#1): expected int64, got \"z\"|z,3"}));
  o.bad_records.policy = BadRecordPolicy::kFail;
  EXPECT_EQ(Read(text, o, 3).status,
            "DataLoss: p.csv:6: byte offset 31: column a (#1): expected int64, got \"z\"");
}

TEST(CsvParallel, UnterminatedQuoteAndLongRecords) {
  CsvReadOptions o;
  o.threads = 2;
  o.parallel_chunk_bytes = 16;
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  std::string text = "a,b\n";
  for (int i = 0; i < 50; ++i) text += fmt::format("{},v{}\n", i, i);
  text += "99,\"" + std::string(5000, 'q') + "\"\n";
  text += "7,\"open\n8,9\n";
  o.threads = 1;
  Outcome ref = Read(text, o, 64);
  ASSERT_EQ(ref.rejected.size(), 1u);
  EXPECT_EQ(ref.rejected[0], "p.csv|53|5340|unterminated quoted field|7,\"open\n8,9");
  EXPECT_EQ(ref.rows.size(), 51u);
  for (int threads : {2, 3}) {
    o.threads = threads;
    ExpectSame(ref, Read(text, o, 64), o.batch_rows);
  }
}

TEST(CsvParallel, CrOnlyLineEndsAndNoQuoting) {
  for (bool cr : {false, true}) {
    std::string text = "a,b";
    text += cr ? "\r" : "\n";
    for (int i = 0; i < 300; ++i) text += fmt::format("{},\"s{}\"{}", i, i, cr ? "\r" : "\n");
    for (char quote : {'"', '\0'}) {
      CsvReadOptions o;
      o.dialect.quote = quote;
      Outcome ref = Read(text, o, 1 << 20);
      EXPECT_EQ(ref.rows.size(), 300u);
      o.threads = 2;
      o.parallel_chunk_bytes = 100;
      ExpectSame(ref, Read(text, o, 100), o.batch_rows);
    }
  }
}

TEST(CsvParallel, ChunkSplitFollowsQuoteParity) {
  CsvDialect d;
  EXPECT_EQ(FindChunkSplit("a,b\n1,2\n", d), 8u);
  EXPECT_EQ(FindChunkSplit("a,\"x\ny\",2\n1,\"p\n", d), 10u);  // last '\n' is quoted
  EXPECT_EQ(FindChunkSplit("\"open\nstill", d), 0u);
  EXPECT_EQ(FindChunkSplit("a,\"\"\"\"\nb", d), 7u);
  d.escape = '\\';
  EXPECT_EQ(FindChunkSplit("a\\\nb\n", d), 5u);
  EXPECT_EQ(FindChunkSplit("a\\\nb", d), 0u);
  d.quote = '\0';
  EXPECT_EQ(FindChunkSplit("\"a\n\"", d), 3u);
}

}  // namespace
}  // namespace s3c::formats::csv

namespace s3c::formats::csv {
namespace {

// The inline ISO 8601 paths of the converter must agree with inference.h's parsers on every
// text: same values, same rejections.
TEST(CsvConvert, FastIsoPathsMatchTheFullParsers) {
  const std::vector<std::string> texts = {"2024-02-29",
                                          "2023-02-29",
                                          "0000-01-01",
                                          "0001-01-01",
                                          "1969-12-31",
                                          "9999-12-31",
                                          "1970-01-01",
                                          "2024-13-01",
                                          "2024-00-10",
                                          "2024-1-01",
                                          "2024-01-01T23:59:60",
                                          "2024-01-01 00:00:00.5",
                                          "2024-01-01T12:34:56.123456789",
                                          "2024-01-01T12:34:56.1234567891",
                                          "2024-01-01T12:34:56,25",
                                          "2024-01-01T12:34:56Z",
                                          "2024-01-01t12:34:56z",
                                          "2024-01-01T12:34:56+01:00",
                                          "2024-01-01T24:00:00",
                                          "2024-01-01T12:60:00",
                                          "2024-01-01T12:34",
                                          "2024-01-01T12:34:56.",
                                          "1900-02-29",
                                          "2000-02-29",
                                          "1600-03-01 01:02:03",
                                          "2024-06-15x"};
  std::string text = "v\n";
  for (const auto& s : texts) text += "\"" + s + "\"\n";
  const std::vector<columnar::DataType> types = {columnar::Date32(),
                                                 columnar::Timestamp(columnar::TimeUnit::kMilli),
                                                 columnar::Timestamp(columnar::TimeUnit::kMicro),
                                                 columnar::Timestamp(columnar::TimeUnit::kNano)};
  for (const columnar::DataType& type : types) {
    SCOPED_TRACE(type.ToString());
    CsvReadOptions o;
    o.schema_mode = SchemaMode::kFull;
    o.schema = columnar::MakeSchema({columnar::Field("v", type)});
    o.bad_records.policy = BadRecordPolicy::kQuarantine;
    std::vector<std::string> rejected;
    o.bad_records.quarantine = [&](const RejectedRecord& r) {
      rejected.push_back(r.raw);
      return Status::OK();
    };
    auto r = testing::ReadCsv(text, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> want_rejected;
    testing::RowsT want_rows;
    for (const auto& s : texts) {
      std::string out;
      if (type.id() == columnar::TypeId::kDate32) {
        auto d = ParseDate32Text(s);
        if (d) AppendDate32(*d, &out);
      } else {
        auto t = ParseTimestampText(s, type.unit());
        if (t) AppendTimestamp(t->value, type.unit(), false, &out);
      }
      if (out.empty()) {
        want_rejected.push_back("\"" + s + "\"");
      } else {
        want_rows.push_back({out});
      }
    }
    EXPECT_EQ(r->rows, want_rows);
    EXPECT_EQ(rejected, want_rejected);
    EXPECT_GE(want_rows.size(), 7u);
    EXPECT_GE(want_rejected.size(), 7u);
  }
}

}  // namespace
}  // namespace s3c::formats::csv

namespace s3c::formats::csv {
namespace {

// Random text over the bytes that matter to the tokenizer: any input reads the same with
// threads as without.
TEST(CsvParallel, RandomTextReadsTheSame) {
  const char kAlphabet[] = {'a', '1', ',', ',', '"', '"', '\n', '\n', '\r', '#', '\\', ' '};
  std::mt19937_64 rng(5);
  int compared = 0;
  for (int iter = 0; iter < 300; ++iter) {
    std::string text = "h1,h2,h3\n";
    const size_t len = 20 + rng() % 400;
    for (size_t i = 0; i < len; ++i) text += kAlphabet[rng() % sizeof(kAlphabet)];
    CsvReadOptions o;
    o.bad_records.policy = iter % 3 == 0 ? BadRecordPolicy::kFail : BadRecordPolicy::kQuarantine;
    if (iter % 2 == 0) o.dialect.comment_prefix = "#";
    if (iter % 5 == 0) {
      o.dialect.escape = '\\';
      o.dialect.double_quote = false;
    }
    if (iter % 7 == 0) o.dialect.skip_blank_lines = false;
    o.ragged = iter % 4 == 0 ? RaggedRowPolicy::kPadWithNulls : RaggedRowPolicy::kError;
    o.schema_mode = SchemaMode::kAllStrings;
    o.batch_rows = 3;
    const Outcome ref = Read(text, o, 1 << 20);
    o.threads = 2 + iter % 2;
    o.parallel_chunk_bytes = 1 + rng() % 40;
    SCOPED_TRACE(fmt::format("iter {} chunk {}", iter, o.parallel_chunk_bytes));
    ExpectSame(ref, Read(text, o, 1 + rng() % 50), o.batch_rows);
    compared += ref.rows.empty() ? 0 : 1;
  }
  EXPECT_GT(compared, 100);
}

}  // namespace
}  // namespace s3c::formats::csv
