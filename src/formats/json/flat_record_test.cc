// The flat-record fast path against the full parser: every input is read twice (fast path on
// and off) and must give the same schema, batches, errors, counts and rejected records.
#include "formats/json/flat_record.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "formats/json/json_reader_internal.h"
#include "formats/json/json_scan.h"
#include "formats/json/scalar_fast.h"
#include "s3c/columnar/data_type.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::json_internal {
namespace {

namespace col = columnar;

struct Outcome {
  std::string status;
  std::string schema;
  std::vector<std::shared_ptr<RecordBatch>> batches;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  std::vector<std::string> rejects;  // line, offset, reason and raw text of each
};

Outcome Read(const std::string& text, JsonReadOptions options, bool fast) {
  Outcome out;
  options.bad_records.quarantine = [&out](const RejectedRecord& r) {
    out.rejects.push_back(r.object + "|" + std::to_string(r.line) + "|" +
                          std::to_string(r.byte_offset) + "|" + r.reason + "|" + r.raw);
    return Status::OK();
  };
  auto reader = OpenJsonReaderForTest(MakeStringInput(text), options, fast);
  if (!reader.ok()) {
    out.status = reader.status().ToString();
    return out;
  }
  out.schema = (*reader)->schema()->ToString();
  for (;;) {
    auto batch = (*reader)->Next();
    if (!batch.ok()) {
      out.status = batch.status().ToString();
      break;
    }
    if (*batch == nullptr) break;
    out.batches.push_back(*batch);
  }
  out.rows_read = (*reader)->rows_read();
  out.rows_rejected = (*reader)->rows_rejected();
  return out;
}

// Reads `text` both ways and compares; returns the fast outcome for further checks.
Outcome ExpectSame(const std::string& text, const JsonReadOptions& options) {
  Outcome slow = Read(text, options, false);
  Outcome fast = Read(text, options, true);
  SCOPED_TRACE(text.substr(0, 300));
  EXPECT_EQ(fast.status, slow.status);
  EXPECT_EQ(fast.schema, slow.schema);
  EXPECT_EQ(fast.rows_read, slow.rows_read);
  EXPECT_EQ(fast.rows_rejected, slow.rows_rejected);
  EXPECT_EQ(fast.rejects, slow.rejects);
  EXPECT_EQ(fast.batches.size(), slow.batches.size());
  for (size_t i = 0; i < fast.batches.size() && i < slow.batches.size(); ++i) {
    EXPECT_TRUE(fast.batches[i]->Equals(*slow.batches[i]))
        << "batch " << i << "\nfast:\n"
        << fast.batches[i]->ToString() << "\nslow:\n"
        << slow.batches[i]->ToString();
  }
  return fast;
}

// Option sets: inference over one record (so nearly every record takes the fast path), tiny
// batches, skip / quarantine / fail policies, and user schemas with narrow types.
std::vector<JsonReadOptions> OptionSets() {
  std::vector<JsonReadOptions> sets;
  JsonReadOptions base;
  base.object_name = "s3://b/k.jsonl";
  base.inference.max_rows = 1;
  base.batch_rows = 3;
  base.bad_records.policy = BadRecordPolicy::kQuarantine;
  sets.push_back(base);
  JsonReadOptions fail = base;
  fail.bad_records.policy = BadRecordPolicy::kFail;
  fail.inference.max_rows = 1000;
  fail.batch_rows = 64;
  sets.push_back(fail);
  JsonReadOptions full = base;
  full.schema_mode = JsonSchemaMode::kFull;
  full.schema = col::MakeSchema(
      {col::Field("a", col::Int8()), col::Field("b", col::Float32()),
       col::Field("c", col::String()), col::Field("d", col::Date32()),
       col::Field("e", col::Timestamp(col::TimeUnit::kMilli)), col::Field("f", col::Bool()),
       col::Field("g", col::UInt64()), col::Field("h", col::LargeString()),
       col::Field("i", col::UInt32()), col::Field("j", col::List(col::Int64())),
       col::Field("k", col::Int64()), col::Field("l", col::Float64())});
  sets.push_back(full);
  JsonReadOptions strings = base;
  strings.schema_mode = JsonSchemaMode::kAllStrings;
  strings.inference.max_rows = -1;
  sets.push_back(strings);
  JsonReadOptions nested = base;
  nested.schema_mode = JsonSchemaMode::kFull;
  nested.max_depth = 3;
  nested.schema = col::MakeSchema({col::Field("a", col::Int64()),
                                   col::Field("s", col::Struct({col::Field("x", col::Int64()),
                                                                col::Field("y", col::String())})),
                                   col::Field("m", col::Map(col::String(), col::Int64())),
                                   col::Field("ll", col::List(col::List(col::Int64()))),
                                   col::Field("c", col::String()), col::Field("n", col::Null())});
  sets.push_back(nested);
  JsonReadOptions flat = base;
  flat.flatten = true;
  flat.format = JsonFormat::kJsonLines;
  sets.push_back(flat);
  return sets;
}

const char* const kDocuments[] = {
    // Plain rows, repeated and reordered keys, missing and unknown keys, nulls.
    R"({"a":1,"b":2.5,"c":"x","d":"2024-02-29","e":"2024-02-29T23:59:60.5","f":true}
{"a":2,"b":-0.0,"c":"y","d":"1969-12-31","e":"1900-01-01 00:00:00","f":false}
{"f":null,"e":"2024-01-01","d":null,"c":"z","b":1e3,"a":-3}
{"a":4,"a":5,"zz":"ignored","c":"dup","c":"dup2"}
{}
{"a":null,"b":null,"c":null}
)",
    // Whitespace everywhere, CR LF, tabs, two records on a line, a record over lines.
    "{ \"a\" : 1 , \"c\" :\t\"s\" }\r\n\r\n{\"a\":2}  {\"a\":3}\n{\"a\":\n4,\n\"c\":\"m\"}\n"
    "   \t{\"a\":5}\n{\"a\":\n\"bad\"}\n{\"a\":\"also bad\"}",
    // Escapes: simple, \u, surrogate pairs, lone surrogates, escaped keys.
    R"({"a":1,"c":"q\"uote\\ \/ \b\f\n\r\t"}
{"a":2,"c":"\u00e9\u4e2d\uD83D\uDE00"}
{"a":3,"c":"\uD800x\uDC00\uD800\uD800\uDC00\uD800\n\uDBFF\u0041"}
{"\u0061":4,"c":"k\u0065y"}
{"a\"b":5,"c":"\u0000"}
)",
    // UTF-8: valid multi-byte, invalid sequences, control characters (bad records).
    "{\"a\":1,\"c\":\"\xc3\xa9t\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"}\n"
    "{\"a\":2,\"c\":\"\xc3\x28\"}\n{\"a\":3,\"c\":\"\xed\xa0\x80\"}\n"
    "{\"a\":4,\"c\":\"\xf4\x90\x80\x80\"}\n{\"a\":5,\"c\":\"tab\there\"}\n"
    "{\"a\":6,\"c\":\"\xe0\x80\xaf\"}\n{\"a\":7,\"c\":\"ok\"}\n",
    // Numbers: ranges, exponents, exact big numbers, bad numbers.
    R"({"a":1,"b":0.1,"k":9223372036854775807,"l":123456789012345678901234,"g":18446744073709551615}
{"a":127,"b":1E-7,"k":-9223372036854775808,"l":1e400,"g":0}
{"a":128,"b":3.5e38,"k":9223372036854775808,"l":-0,"g":-1}
{"a":-129,"b":1.5e+2,"k":12345678901234567890,"l":2.2250738585072014e-308,"g":1.5}
{"a":01}
{"a":1.}
{"a":-}
{"a":1e}
{"a":.5}
{"a":3,"b":9007199254740993,"l":0.30000000000000004,"k":1e2}
)",
    // Literals, wrong types for the columns, nested values, non-object records.
    R"({"a":1,"f":true,"c":true,"h":false}
{"a":"2","f":"true","c":3.25,"h":-7}
{"a":[1],"f":1,"c":{"x":[1,{"y":null}]},"j":[1,2,null]}
{"a":4,"j":5,"d":"2023-02-29","e":"2024-01-01T24:00:00"}
{"a":5,"d":"2024-1-01","e":"2024-01-01T10:00:00Z","i":4294967296}
{"a":6,"e":"2024-01-01T10:00:00.1234567890","i":4294967295}
[1,2]
"text"
42
null
{"a":7,"f":tru}
{"a":8,"f":nul}
{"a":9,"f":falsey}
{"a":10,,"c":"x"}
{"a":11 "c":"x"}
{"a":12,"c":"x",}
{"a":13,"c":"unterminated
{"a":14}
)",
    // Flatten candidates: nested objects, empty objects.
    R"({"a":1,"n":{"x":1,"y":{"z":"deep"}},"e":{}}
{"a":2,"n":{"x":2},"e":{}}
{"a":3,"n.x":3}
)",
    // Nested members: structs, maps, lists of lists, nested text in string columns, depth.
    R"({"a":1,"s":{"x":1,"y":"a","z":[true]},"m":{"k":1,"k":2},"ll":[[1],[],null],"c":[1,{"q":"\u00e9"}]}
{"a":2,"s":{"y":null},"m":{},"ll":[],"c":{},"n":null,"j":[1,2]}
{"a":3,"s":{"x":"no"},"m":{"k":1.5},"ll":[[1,[2]]],"c":{"d":{"e":{"f":1}}},"n":[]}
{"a":4,"s":[1],"m":[],"ll":{"x":1},"c":[[[[1]]]]}
{"a":5,"s":{"x":1,
"y":"multi-line"},"zz":{"deep":[[[[[1]]]]]}, "c":"after"}
{"a":6,"s":{"x":1},"s":{"x":2},"c":{"k":[1,2,3]}}
{"a":7,"c":{"k":[1,2,3]}
{"a":8,"c":{"k" 1}}
{"a":9,"s":null,"m":null,"ll":null}
)",
    // A top-level array (JSON) and a truncated last record.
    R"([{"a":1,"c":"x"}, {"a":2,"c":"y"} ,
{"a":3}])",
    "{\"a\":1}\n{\"a\":2,\"c\":\"tru",
    "\xef\xbb\xbf{\"a\":1}\n{\"a\":2}\n",
};

TEST(FlatRecordTest, SameAsFullParserOnEdgeCases) {
  for (const auto& options : OptionSets()) {
    for (const char* doc : kDocuments) ExpectSame(doc, options);
  }
}

TEST(FlatRecordTest, FastPathReadsTheRowsItAccepts) {
  JsonReadOptions o;
  o.inference.max_rows = 1;
  o.bad_records.policy = BadRecordPolicy::kSkip;
  Outcome r = ExpectSame(
      "{\"a\":1,\"c\":\"x\\ty\",\"d\":\"2024-02-29\"}\n{\"a\":2,\"c\":\"\xc3\xa9\","
      "\"d\":\"2023-02-29\"}\n{\"c\":\"z\",\"a\":3}\n",
      o);
  EXPECT_EQ(r.status, "");
  EXPECT_EQ(r.schema, "a: int64\nc: string\nd: date32[day]");
  ASSERT_EQ(r.batches.size(), 1u);
  EXPECT_EQ(r.batches[0]->column(0)->ToString(), "[1, 3]");
  EXPECT_EQ(r.batches[0]->column(1)->ToString(), "[\"x\\ty\", \"z\"]");
  EXPECT_EQ(r.batches[0]->column(2)->ToString(), "[2024-02-29, null]");
  EXPECT_EQ(r.rows_rejected, 1);
}

// Random mutations of a few seed documents (bytes replaced, cut, inserted, repeated).
TEST(FlatRecordTest, SameAsFullParserOnMutations) {
  std::mt19937 rng(7);
  static const char kJunk[] = "{}[]\",:0123456789.eE-+ \n\ttrufalsn\\u\xc3\xa9\xff\x01";
  std::vector<std::string> seeds(std::begin(kDocuments), std::end(kDocuments));
  auto sets = OptionSets();
  for (int round = 0; round < 400; ++round) {
    std::string s = seeds[rng() % seeds.size()];
    for (int m = 0; m < 1 + static_cast<int>(rng() % 3); ++m) {
      size_t at = s.empty() ? 0 : rng() % s.size();
      switch (rng() % 3) {
        case 0:
          if (!s.empty()) s[at] = kJunk[rng() % (sizeof(kJunk) - 1)];
          break;
        case 1:
          s.insert(at, 1, kJunk[rng() % (sizeof(kJunk) - 1)]);
          break;
        default:
          s.erase(at, 1 + rng() % 4);
          break;
      }
    }
    ExpectSame(s, sets[static_cast<size_t>(round) % sets.size()]);
  }
}

TEST(FlatRecordTest, ScannersStopAtTheBufferEnd) {
  std::string scratch;
  std::string_view out;
  bool integral;
  const std::string s = "\"abc\"";
  EXPECT_EQ(ScanString(s.data(), s.data() + 4, &scratch, &out), nullptr);
  EXPECT_EQ(ScanString(s.data(), s.data() + 5, &scratch, &out), s.data() + 5);
  EXPECT_EQ(out, "abc");
  const std::string n = "-12.5e3";
  EXPECT_EQ(ScanNumber(n.data(), n.data() + n.size(), &integral), nullptr);  // may go on
  const std::string m = "-12.5e3,";
  EXPECT_EQ(ScanNumber(m.data(), m.data() + m.size(), &integral), m.data() + 7);
  EXPECT_FALSE(integral);
}

TEST(FlatRecordTest, ScalarShortcutsMatchTheGeneralParsers) {
  for (const char* t : {"0", "-0", "0.1", "18412.45", "-1e-7", "1E+22", "9007199254740992",
                        "123456.789e-3", "5e-22", "0.3000000000000004"}) {
    std::optional<double> fast = FastJsonDouble(t);
    ASSERT_TRUE(fast.has_value()) << t;
    EXPECT_EQ(*fast, *ParseFloat64Text(t)) << t;
    EXPECT_EQ(std::signbit(*fast), std::signbit(*ParseFloat64Text(t))) << t;
  }
  for (const char* t : {"9007199254740993", "1e23", "1e-23", "12345678901234567890"}) {
    EXPECT_FALSE(FastJsonDouble(t).has_value()) << t;
  }
  for (const char* t : {"2024-02-29", "1600-02-29", "0001-01-01", "9999-12-31", "1970-01-01"}) {
    EXPECT_EQ(FastIsoDate(t), ParseDate32Text(t)) << t;
    EXPECT_EQ(FastIsoTimestamp(t, col::TimeUnit::kNano),
              ParseTimestampText(t, col::TimeUnit::kNano)->value)
        << t;
  }
  for (const char* t : {"1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-1-01"}) {
    EXPECT_FALSE(FastIsoDate(t).has_value()) << t;
  }
  for (const char* t : {"1969-12-31T23:59:59.999999999", "2024-02-29 12:00:60",
                        "2024-02-29t01:02:03,5", "0001-01-01T00:00:00.1"}) {
    for (auto unit : {col::TimeUnit::kSecond, col::TimeUnit::kMilli, col::TimeUnit::kMicro,
                      col::TimeUnit::kNano}) {
      ASSERT_TRUE(FastIsoTimestamp(t, unit).has_value()) << t;
      EXPECT_EQ(*FastIsoTimestamp(t, unit), ParseTimestampText(t, unit)->value) << t;
    }
  }
  for (const char* t : {"2024-01-01T10:00:00Z", "2024-01-01T10:00", "2024-01-01T24:00:00",
                        "2024-01-01T10:00:00.", "2024-01-01T10:00:00.1234567890"}) {
    EXPECT_FALSE(FastIsoTimestamp(t, col::TimeUnit::kMicro).has_value()) << t;
  }
}

}  // namespace
}  // namespace s3c::formats::json_internal
