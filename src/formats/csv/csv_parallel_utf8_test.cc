// UTF-8 input read with threads is validated in each chunk where it is parsed: rows, U+FFFD
// repairs, rejected records and the exact offset of an invalid byte equal one thread's, for
// multi-byte characters and invalid sequences on every side of every chunk cut.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "formats/csv/csv_test_util.h"

namespace s3c::formats::csv {
namespace {

using testing::Outcome;
using testing::Read;

// Lines of multi-byte characters (2, 3 and 4 bytes), some invalid bytes and some bad ints.
std::string Generate(uint64_t seed, int rows, bool invalid) {
  static const char* kPieces[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "a", ","};
  static const char* kBad[] = {"\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xFF", "\xED\xA0\x80"};
  std::mt19937_64 rng(seed);
  std::string s = "n,text\n";
  for (int i = 0; i < rows; ++i) {
    s += rng() % 13 == 0 ? fmt::format("x{},", i) : fmt::format("{},", i);
    const int k = static_cast<int>(rng() % 6);
    std::string field;
    for (int j = 0; j < k; ++j) field += kPieces[rng() % 5];
    if (invalid && rng() % 9 == 0) field += kBad[rng() % 5];
    s += "\"" + field + "\"\n";
  }
  return s;
}

TEST(CsvParallelUtf8, SameAsOneThreadAcrossChunkCuts) {
  for (int variant = 0; variant < 6; ++variant) {
    const bool invalid = variant % 2 == 1;
    std::string text = Generate(static_cast<uint64_t>(variant), 200, invalid);
    if (variant >= 4) text = "\xEF\xBB\xBF" + text;  // BOM: offsets count it
    if (variant == 5) text += "9,\xE2\x82";          // ends inside a character
    for (InvalidUtf8Policy policy : {InvalidUtf8Policy::kError, InvalidUtf8Policy::kReplace}) {
      CsvReadOptions o;
      o.bad_records.policy = BadRecordPolicy::kQuarantine;
      o.bad_records.policy = BadRecordPolicy::kQuarantine;
      o.invalid_utf8 = policy;
      o.inference.max_rows = 3;
      o.schema_mode = SchemaMode::kFull;
      o.schema = columnar::MakeSchema(
          {columnar::Field("n", columnar::Int64()), columnar::Field("text", columnar::String())});
      o.threads = 1;
      const Outcome ref = Read(text, o, 1 << 20);
      if (!invalid) {
        EXPECT_EQ(ref.status, "OK");
      }
      if (invalid && policy == InvalidUtf8Policy::kError) {
        EXPECT_NE(ref.status.find("DataLoss: p.csv: invalid UTF-8 at byte offset "),
                  std::string::npos);
      }
      if (policy == InvalidUtf8Policy::kReplace) {
        EXPECT_EQ(ref.status, "OK");
        EXPECT_GT(ref.rows.size(), 150u);
        EXPECT_FALSE(ref.rejected.empty());
      }
      for (int threads : {2, 4}) {
        for (size_t chunk : {size_t{1}, size_t{5}, size_t{17}, size_t{64}, size_t{300}}) {
          SCOPED_TRACE(fmt::format("variant {} policy {} threads {} chunk {}", variant,
                                   static_cast<int>(policy), threads, chunk));
          o.threads = threads;
          o.parallel_chunk_bytes = chunk;
          const Outcome got = Read(text, o, chunk + 3);
          EXPECT_EQ(got.status, ref.status);
          if (ref.status == "OK") {
            EXPECT_EQ(got.rows, ref.rows);
            EXPECT_EQ(got.rejected, ref.rejected);
          } else {
            // Rows before an error may end elsewhere (csv_options.h); they are one sequence.
            const size_t n = std::min(got.rows.size(), ref.rows.size());
            EXPECT_TRUE(std::equal(got.rows.begin(), got.rows.begin() + n, ref.rows.begin()));
          }
        }
      }
    }
  }
}

TEST(CsvParallelUtf8, InvalidByteOffsetIsExact) {
  std::string text = "a,b\n";
  for (int i = 0; i < 40; ++i) text += fmt::format("{},\xC3\xA9t\xC3\xA9\n", i);
  const size_t bad = text.size() + 4;
  text += "40,x\xC3\n41,y\n";
  CsvReadOptions o;
  o.inference.max_rows = 2;
  o.threads = 2;
  o.parallel_chunk_bytes = 32;
  const std::string want = fmt::format("DataLoss: p.csv: invalid UTF-8 at byte offset {}", bad);
  EXPECT_EQ(Read(text, o, 16).status, want);
  o.threads = 1;
  EXPECT_EQ(Read(text, o, 16).status, want);
  o.threads = 2;
  o.invalid_utf8 = InvalidUtf8Policy::kReplace;
  const Outcome r = Read(text, o, 16);
  ASSERT_EQ(r.rows.size(), 42u);
  EXPECT_EQ(r.rows[40], (std::vector<std::string>{"40", "x\xEF\xBF\xBD"}));
  EXPECT_EQ(r.rows[41], (std::vector<std::string>{"41", "y"}));
}

}  // namespace
}  // namespace s3c::formats::csv
