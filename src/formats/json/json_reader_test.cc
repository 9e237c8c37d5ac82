#include "s3c/formats/json/json_reader.h"

#include <gtest/gtest.h>

#include <cstring>

#include "s3c/columnar/array.h"
#include "s3c/io/local_file.h"

namespace s3c::formats {
namespace {

namespace col = columnar;

struct ReadResult {
  Status status;
  std::shared_ptr<Schema> schema;
  std::vector<std::shared_ptr<RecordBatch>> batches;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  // Column `name` of every batch, rendered and joined: "[1, 2] [3]".
  std::string Column(const std::string& name) const {
    std::string out;
    for (const auto& b : batches) {
      if (!out.empty()) out += " ";
      auto c = b->GetColumnByName(name);
      out += c ? c->ToString() : "<missing>";
    }
    return out;
  }
  std::string Types() const {
    std::string out;
    for (const auto& f : schema->fields()) out += (out.empty() ? "" : "; ") + f.ToString();
    return out;
  }
};

JsonReadOptions Opts() {
  JsonReadOptions o;
  o.object_name = "s3://b/data.json";
  return o;
}

ReadResult Read(std::string text, JsonReadOptions options = Opts()) {
  ReadResult r;
  auto reader = OpenJsonReader(MakeStringInput(std::move(text)), std::move(options));
  if (!reader.ok()) {
    r.status = reader.status();
    return r;
  }
  r.schema = (*reader)->schema();
  for (;;) {
    auto batch = (*reader)->Next();
    if (!batch.ok()) {
      r.status = batch.status();
      break;
    }
    if (*batch == nullptr) break;
    r.batches.push_back(*batch);
  }
  r.rows_read = (*reader)->rows_read();
  r.rows_rejected = (*reader)->rows_rejected();
  return r;
}

TEST(JsonReaderTest, TopLevelArrayOfObjects) {
  auto r = Read(R"([{"a": 1, "b": "x"}, {"a": 2, "b": null}])");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a: int64; b: string");
  EXPECT_EQ(r.Column("a"), "[1, 2]");
  EXPECT_EQ(r.Column("b"), "[\"x\", null]");
  EXPECT_EQ(r.rows_read, 2);
}

TEST(JsonReaderTest, EmptyArrayAndEmptyInputGiveNoRows) {
  for (const char* text : {"[]", " [ ] \n", "", "\n\n"}) {
    auto r = Read(text);
    ASSERT_TRUE(r.status.ok()) << text << ": " << r.status.ToString();
    EXPECT_EQ(r.schema->num_fields(), 0);
    EXPECT_TRUE(r.batches.empty());
  }
}

TEST(JsonReaderTest, SingleObjectSpanningLines) {
  auto r = Read("{\n  \"a\": true,\n  \"b\": 1.5\n}\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a: bool; b: double");
  EXPECT_EQ(r.Column("b"), "[1.5]");
}

TEST(JsonReaderTest, ConcatenatedObjects) {
  auto r = Read(R"({"a":1}{"a":2} {"a":3})");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("a"), "[1, 2, 3]");
}

TEST(JsonReaderTest, JsonLinesWithBlankLinesAndBatches) {
  auto o = Opts();
  o.format = JsonFormat::kJsonLines;
  o.batch_rows = 2;
  auto r = Read("{\"a\":1}\n\n{\"a\":2}\r\n   \n{\"a\":3}\n\n", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.batches.size(), 2u);
  EXPECT_EQ(r.Column("a"), "[1, 2] [3]");
}

TEST(JsonReaderTest, StreamsWithoutReadingEverythingFirst) {
  // 3000 records of ~30 bytes; inference over 10 records, batches of 100: the reader holds one
  // record plus a 64 KiB chunk, and produces 30 batches.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "{\"id\":" + std::to_string(i) + ",\"s\":\"v\"}\n";
  auto o = Opts();
  o.inference.max_rows = 10;
  o.batch_rows = 100;
  auto r = Read(text, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.batches.size(), 30u);
  EXPECT_EQ(r.rows_read, 3000);
  EXPECT_EQ(r.batches.back()->column(0)->ToString().substr(0, 6), "[2900,");
}

// Counts the bytes handed out, to show the reader streams.
class CountingInput final : public InputStream {
 public:
  CountingInput(std::string data, int64_t* consumed)
      : data_(std::move(data)), consumed_(consumed) {}
  Result<size_t> Read(void* out, size_t n) override {
    size_t step = std::min(n, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, step);
    pos_ += step;
    *consumed_ += static_cast<int64_t>(step);
    return step;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
  int64_t* consumed_;
};

TEST(JsonReaderTest, JsonLinesIsReadIncrementally) {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "{\"id\":" + std::to_string(i) + "}\n";
  const auto total = static_cast<int64_t>(text.size());
  ASSERT_GT(total, 400000);
  // One thread reads as it goes; two read ahead at most 2 * threads chunks (json_parallel.h).
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    int64_t consumed = 0;
    auto o = Opts();
    o.inference.max_rows = 10;
    o.batch_rows = 1000;
    o.threads = threads;
    o.parallel_chunk_bytes = 16 << 10;
    auto reader = OpenJsonReader(std::make_unique<CountingInput>(text, &consumed), o);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(consumed, 64 << 10);  // inference read one chunk
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok());
    // Two threads: the inference sample is one batch, the chunks follow.
    EXPECT_EQ((*batch)->num_rows(), threads == 1 ? 1000 : 10);
    EXPECT_LE(consumed, threads == 1 ? 64 << 10 : (64 << 10) + 5 * (16 << 10));
    int64_t rows = (*batch)->num_rows();
    for (;;) {
      batch = (*reader)->Next();
      ASSERT_TRUE(batch.ok());
      if (*batch == nullptr) break;
      rows += (*batch)->num_rows();
    }
    EXPECT_EQ(rows, 40000);
    EXPECT_EQ(consumed, total);
  }
}

TEST(JsonReaderTest, NestedStructsAndLists) {
  auto r = Read(R"({"p": {"x": 1, "tags": ["a", "b"]}, "l": [1, 2.5]}
{"p": {"x": 2, "y": true}, "l": []}
{"p": null, "l": null})");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(),
            "p: struct<x: int64, tags: list<item: string>, y: bool>; l: list<item: double>");
  EXPECT_EQ(r.Column("l"), "[[1, 2.5], [], null]");
  EXPECT_EQ(r.Column("p"),
            "[{x: 1, tags: [\"a\", \"b\"], y: null}, {x: 2, tags: null, y: true}, null]");
}

TEST(JsonReaderTest, FlattenWithMaxDepth) {
  std::string text = R"({"a": {"b": {"c": 1}, "d": 2}, "e": 3})";
  auto o = Opts();
  o.flatten = true;
  auto r = Read(text, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a.b.c: int64; a.d: int64; e: int64");
  o.flatten_max_depth = 1;
  r = Read(text, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a.b: struct<c: int64>; a.d: int64; e: int64");
  EXPECT_EQ(r.Column("a.b"), "[{c: 1}]");
}

TEST(JsonReaderTest, UnionByNameAcrossRecords) {
  auto r = Read("{\"a\":1}\n{\"b\":\"x\"}\n{\"b\":\"y\",\"a\":3,\"c\":false}\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a: int64; b: string; c: bool");
  EXPECT_EQ(r.Column("a"), "[1, null, 3]");
  EXPECT_EQ(r.Column("b"), "[null, \"x\", \"y\"]");
  EXPECT_EQ(r.Column("c"), "[null, null, false]");
}

TEST(JsonReaderTest, BigNumbersKeepTheirText) {
  auto r = Read(R"([{"n": 1, "f": 1.5, "g": 2},
                    {"n": 123456789012345678901234567890, "f": 1e400, "g": 9223372036854775807}])");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "n: string; f: string; g: int64");
  EXPECT_EQ(r.Column("n"), "[\"1\", \"123456789012345678901234567890\"]");
  EXPECT_EQ(r.Column("f"), "[\"1.5\", \"1e400\"]");
  EXPECT_EQ(r.Column("g"), "[2, 9223372036854775807]");
}

TEST(JsonReaderTest, DatesAndTimestampsFromStrings) {
  auto r = Read(R"({"d": "2024-01-31", "t": "2024-01-31T12:00:00Z", "s": ""})");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "d: date32[day]; t: timestamp[us, tz=UTC]; s: string");
}

TEST(JsonReaderTest, InferenceWidensAcrossBatches) {
  auto o = Opts();
  o.batch_rows = 2;
  auto r = Read("{\"v\":1}\n{\"v\":2}\n{\"v\":3}\n{\"v\":4.5}\n{\"v\":null}\n", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "v: double");
  EXPECT_EQ(r.Column("v"), "[1, 2] [3, 4.5] [null]");
}

TEST(JsonReaderTest, ValueBeyondTheSampleThatDoesNotFitFails) {
  auto o = Opts();
  o.inference.max_rows = 2;
  auto r = Read("{\"v\":1}\n{\"v\":2}\n{\"v\":\"x\"}\n", o);
  EXPECT_EQ(r.status.code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 3, byte offset 16: column 'v': expected int64, found "
            "string \"x\"");
}

TEST(JsonReaderTest, UserSchemaFullPartialAndAllStrings) {
  std::string text = R"({"a": 1, "b": {"c": 2}, "z": true})";
  auto o = Opts();
  o.schema_mode = JsonSchemaMode::kFull;
  o.schema = col::MakeSchema({col::Field("a", col::Int32()), col::Field("b", col::String())});
  auto r = Read(text, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a: int32; b: string");
  EXPECT_EQ(r.Column("b"), "[\"{\\\"c\\\":2}\"]");

  o.schema_mode = JsonSchemaMode::kPartial;
  o.schema = col::MakeSchema({col::Field("a", col::Float64()), col::Field("new", col::Bool())});
  r = Read(text, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a: double; b: struct<c: int64>; z: bool; new: bool");
  EXPECT_EQ(r.Column("a"), "[1]");

  o.schema_mode = JsonSchemaMode::kAllStrings;
  r = Read(text, o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Types(), "a: string; b: string; z: string");
  EXPECT_EQ(r.Column("z"), "[\"true\"]");

  o.schema_mode = JsonSchemaMode::kFull;
  o.schema = col::MakeSchema({col::Field("a", col::Int8())});
  r = Read(R"({"a": 300})", o);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 1, byte offset 0: column 'a': expected int8, found number "
            "300 (out of range)");
  o.schema = nullptr;
  EXPECT_EQ(Read(text, o).status.code(), StatusCode::kInvalidArgument);
}

TEST(JsonReaderTest, SyntaxErrorUnderFailNamesPosition) {
  auto r = Read("{\"a\":1}\n{\"a\" 2}\n");
  EXPECT_EQ(r.status.code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 2, byte offset 13: expected ':' after an object key, "
            "found '2'");
  r = Read("[{\"a\":1} {\"a\":2}]");
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 1, byte offset 9: expected ',' or ']' after an array "
            "element, found '{'");
  r = Read("[{\"a\":1}] x");
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 1, byte offset 10: expected the end of input after the "
            "top-level array, found 'x'");
}

TEST(JsonReaderTest, SkipPolicyCountsBadRecords) {
  auto o = Opts();
  o.bad_records.policy = BadRecordPolicy::kSkip;
  o.inference.max_rows = 1;
  auto r = Read("{\"a\":1}\n{\"a\":}\n{\"a\":\"x\"}\n42\n{\"a\":4}\n", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("a"), "[1, 4]");
  EXPECT_EQ(r.rows_read, 2);
  EXPECT_EQ(r.rows_rejected, 3);
}

TEST(JsonReaderTest, QuarantineReceivesKeyLineOffsetReasonAndRaw) {
  std::vector<RejectedRecord> rejected;
  auto o = Opts();
  o.inference.max_rows = 1;
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  o.bad_records.quarantine = [&](const RejectedRecord& r) {
    rejected.push_back(r);
    return Status::OK();
  };
  auto r = Read("{\"a\":1}\n{\"a\": tru}\n{\"a\":\"x\"}\n[1]\n{\"a\":5}\n", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("a"), "[1, 5]");
  ASSERT_EQ(rejected.size(), 3u);
  EXPECT_EQ(rejected[0].object, "s3://b/data.json");
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_EQ(rejected[0].byte_offset, 8);
  EXPECT_EQ(rejected[0].raw, "{\"a\": tru}");
  EXPECT_EQ(rejected[0].reason,
            "s3://b/data.json: line 2, byte offset 17: expected 'e' (in the literal true), "
            "found '}'");
  EXPECT_EQ(rejected[1].line, 3);
  EXPECT_EQ(rejected[1].byte_offset, 19);
  EXPECT_EQ(rejected[1].raw, "{\"a\":\"x\"}");
  EXPECT_EQ(rejected[1].reason,
            "s3://b/data.json: line 3, byte offset 19: column 'a': expected int64, found "
            "string \"x\"");
  EXPECT_EQ(rejected[2].line, 4);
  EXPECT_EQ(rejected[2].raw, "[1]");
  EXPECT_EQ(rejected[2].reason,
            "s3://b/data.json: line 4, byte offset 29: expected an object record, found array");
}

TEST(JsonReaderTest, BadRecordLimits) {
  auto o = Opts();
  o.bad_records.policy = BadRecordPolicy::kSkip;
  o.bad_records.max_errors = 1;
  auto r = Read("{\"a\":1}\n1\n2\n{\"a\":2}\n", o);
  EXPECT_EQ(r.status.code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.status.message(),
            "more than 1 bad records; the last: s3://b/data.json: line 3, byte offset 10: "
            "expected an object record, found number");
  o.bad_records.max_errors = -1;
  o.bad_records.max_error_ratio = 0.5;
  r = Read("{\"a\":1}\n1\n2\n{\"a\":2}\n", o);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  r = Read("{\"a\":1}\n1\n2\n", o);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: 2 of 3 records were bad, above the allowed ratio 0.5");
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  o.bad_records.quarantine = [](const RejectedRecord&) { return UnavailableError("sink down"); };
  r = Read("{\"a\":1}\n1\n", o);
  EXPECT_EQ(r.status.code(), StatusCode::kUnavailable);
}

TEST(JsonReaderTest, DepthAndRecordSizeLimits) {
  auto o = Opts();
  o.max_depth = 3;
  auto r = Read("{\"a\":{\"b\":{\"c\":{}}}}", o);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 1, byte offset 15: expected at most 3 levels of nesting "
            "(the depth limit)");
  o = Opts();
  o.max_record_bytes = 100;
  r = Read("{\"a\":\"" + std::string(200, 'x') + "\"}", o);
  EXPECT_EQ(r.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 1, byte offset 0: the record is longer than the limit of 100 "
            "bytes");
}

TEST(JsonReaderTest, SkipResumesAtTheNextLine) {
  // A truncated line whose parse ran into the next lines: only its own line is rejected and
  // reading resumes on the line after it.
  std::vector<RejectedRecord> rejected;
  auto o = Opts();
  o.bad_records.policy = BadRecordPolicy::kQuarantine;
  o.bad_records.quarantine = [&](const RejectedRecord& r) {
    rejected.push_back(r);
    return Status::OK();
  };
  auto r = Read("{\"a\":1}\n{\"a\":\n{\"a\":2}\n42\n{\"a\":4} {\"a\" 5}\n{\"a\":6}", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("a"), "[1, 2, 4, 6]");
  ASSERT_EQ(rejected.size(), 3u);
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_EQ(rejected[0].raw, "{\"a\":");
  EXPECT_EQ(rejected[0].reason,
            "s3://b/data.json: line 4, byte offset 22: expected ',' or '}' after an object "
            "member, found '4'");
  EXPECT_EQ(rejected[1].line, 4);
  EXPECT_EQ(rejected[1].raw, "42");
  EXPECT_EQ(rejected[2].line, 5);
  EXPECT_EQ(rejected[2].byte_offset, 33);
  EXPECT_EQ(rejected[2].raw, "{\"a\" 5}");
}

TEST(JsonReaderTest, ArraysOfNonObjectsAreBadRecords) {
  auto o = Opts();
  o.bad_records.policy = BadRecordPolicy::kSkip;
  auto r = Read(R"([{"a":1}, 2, "x", {"a":3}])", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("a"), "[1, 3]");
  EXPECT_EQ(r.rows_rejected, 2);
}

TEST(JsonReaderTest, ByteOrderMarkIsSkippedAndArraySyntaxErrorsStayFatal) {
  auto r = Read("\xef\xbb\xbf{\"a\":1}\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("a"), "[1]");
  auto o = Opts();
  o.bad_records.policy = BadRecordPolicy::kSkip;
  r = Read("[{\"a\":1},\n{\"a\":}]", o);  // no way to resynchronise inside an array
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 2, byte offset 15: expected a JSON value, found '}'");
}

TEST(JsonReaderTest, MapColumnsFromUserSchema) {
  auto o = Opts();
  o.schema_mode = JsonSchemaMode::kFull;
  o.schema = col::MakeSchema({col::Field("m", col::Map(col::String(), col::Int64()))});
  auto r = Read("{\"m\": {\"x\": 1, \"y\": null}}\n{\"m\": {}}\n{\"m\": {\"z\": \"no\"}}", o);
  EXPECT_EQ(r.status.message(),
            "s3://b/data.json: line 3, byte offset 37: column 'm': key 'z': expected int64, "
            "found string \"no\"");
  ASSERT_EQ(r.batches.size(), 0u);
  o.bad_records.policy = BadRecordPolicy::kSkip;
  r = Read("{\"m\": {\"x\": 1, \"y\": null}}\n{\"m\": {}}\n{\"m\": {\"z\": \"no\"}}", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.Column("m"), "[{\"x\": 1, \"y\": null}, {}]");
}

TEST(JsonReaderTest, UnsupportedSchemaTypeIsUnimplemented) {
  auto o = Opts();
  o.schema_mode = JsonSchemaMode::kFull;
  o.schema = col::MakeSchema({col::Field("a", col::Binary())});
  auto r = Read("{}", o);
  EXPECT_EQ(r.status.code(), StatusCode::kUnimplemented);
  EXPECT_EQ(r.status.message(), "column 'a': the JSON reader cannot produce binary");
}

}  // namespace
}  // namespace s3c::formats
