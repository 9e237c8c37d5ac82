// The parallel JSON Lines parser (json_parallel.h) against the reader on one thread: the same
// schema, rows (as JSON Lines text, so batch boundaries do not matter), counts, errors and
// rejected records, on inputs cut into many small chunks.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "s3c/formats/json/json_reader.h"
#include "s3c/formats/json/json_writer.h"
#include "s3c/io/local_file.h"
#include "support/chunked_input.h"

namespace s3c::formats {
namespace {

struct Outcome {
  std::string status;  // "OK" or the error
  std::string schema;
  std::string rows;  // JSON Lines
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  size_t batches = 0;
  std::string rejected;  // object, line, offset, reason, raw of each
};

using PieceInput = ::s3c::testing::ChunkedInput;  // the text in pieces of at most `step` bytes

Outcome ReadAll(const std::string& text, JsonReadOptions o, int threads, size_t chunk) {
  Outcome out;
  o.threads = threads;
  o.parallel_chunk_bytes = chunk;
  o.bad_records.quarantine = [&out](const RejectedRecord& r) {
    out.rejected += r.object + "|" + std::to_string(r.line) + "|" + std::to_string(r.byte_offset) +
                    "|" + r.reason + "|" + r.raw + "\n";
    return Status::OK();
  };
  auto reader = OpenJsonReader(std::make_unique<PieceInput>(text, 1000), o);
  if (!reader.ok()) {
    out.status = reader.status().ToString();
    return out;
  }
  auto schema = (*reader)->schema();
  for (const auto& f : schema->fields()) out.schema += f.ToString() + "; ";
  auto writer = OpenJsonWriter(MakeStringOutput(&out.rows), schema);
  EXPECT_TRUE(writer.ok());
  Status status;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.ok()) {
      status = batch.status();
      break;
    }
    if (*batch == nullptr) break;
    ++out.batches;
    EXPECT_LE((*batch)->num_rows(), o.batch_rows);
    EXPECT_TRUE((*writer)->Write(**batch).ok());
  }
  EXPECT_TRUE((*writer)->Close().ok());
  out.status = status.ToString();
  out.rows_read = (*reader)->rows_read();
  out.rows_rejected = (*reader)->rows_rejected();
  return out;
}

JsonReadOptions Opts(BadRecordPolicy policy) {
  JsonReadOptions o;
  o.object_name = "s3://b/data.jsonl";
  o.format = JsonFormat::kJsonLines;
  o.inference.max_rows = 20;
  o.batch_rows = 37;
  o.bad_records.policy = policy;
  return o;
}

// Same result with 1 thread and with several threads over chunks of many sizes.
void ExpectSame(const std::string& text, const JsonReadOptions& o, bool expect_ok = true) {
  const Outcome one = ReadAll(text, o, 1, 1 << 20);
  if (expect_ok) {
    EXPECT_EQ(one.status, "OK");
  } else {
    EXPECT_NE(one.status, "OK");
  }
  for (size_t chunk : {1, 7, 64, 500, 4096}) {
    for (int threads : {2, 4}) {
      SCOPED_TRACE("chunk " + std::to_string(chunk) + ", threads " + std::to_string(threads));
      const Outcome many = ReadAll(text, o, threads, chunk);
      EXPECT_EQ(many.status, one.status);
      EXPECT_EQ(many.schema, one.schema);
      if (one.status == "OK") {
        EXPECT_EQ(many.rows, one.rows);
        EXPECT_EQ(many.rows_read, one.rows_read);
      }
      EXPECT_EQ(many.rows_rejected, one.rows_rejected);
      EXPECT_EQ(many.rejected, one.rejected);
    }
  }
}

std::string Generated(int n, uint32_t seed, bool with_bad) {
  std::mt19937 rng(seed);
  std::string text;
  for (int i = 0; i < n; ++i) {
    const int kind = static_cast<int>(rng() % 20);
    if (with_bad && kind == 0) {
      text += "{\"id\": " + std::to_string(i) + ", \"name\": \"broken\n";  // truncated line
    } else if (with_bad && kind == 1) {
      text += "[1, 2]\n";  // not an object
    } else if (with_bad && kind == 2) {
      text += "{\"id\": \"not a number\", \"x\": 1.5}\n";  // past the sample: no int64
    } else if (kind == 3) {
      text += "\r\n";  // a blank line
    } else {
      text += "{\"id\": " + std::to_string(i) + ", \"name\": \"n\\u00e9" + std::to_string(rng()) +
              "\", \"x\": " + std::to_string(static_cast<double>(rng() % 1000) / 8) +
              ", \"tags\": [\"a\", \"b\"], \"s\": {\"k\": " + std::to_string(i % 7) +
              "}, \"when\": \"2024-01-0" + std::to_string(1 + i % 9) + "\"}\n";
    }
  }
  return text;
}

TEST(JsonParallelTest, CleanLinesGiveTheSameRowsAndTypes) {
  ExpectSame(Generated(600, 1, false), Opts(BadRecordPolicy::kFail));
  // The chunks were parsed apart: batches end at chunk ends.
  EXPECT_GT(ReadAll(Generated(600, 1, false), Opts(BadRecordPolicy::kFail), 2, 64).batches,
            2 * ReadAll(Generated(600, 1, false), Opts(BadRecordPolicy::kFail), 1, 64).batches);
  auto o = Opts(BadRecordPolicy::kFail);
  o.flatten = true;
  ExpectSame(Generated(300, 2, false), o);
  o = Opts(BadRecordPolicy::kFail);
  o.schema_mode = JsonSchemaMode::kAllStrings;
  ExpectSame(Generated(300, 3, false), o);
}

TEST(JsonParallelTest, BadRecordsUnderEveryPolicy) {
  const std::string text = "{\"id\": 1, \"name\": \"a\", \"x\": 0.5}\n" + Generated(800, 4, true);
  ExpectSame(text, Opts(BadRecordPolicy::kSkip));
  ExpectSame(text, Opts(BadRecordPolicy::kQuarantine));
  ExpectSame(text, Opts(BadRecordPolicy::kFail), false);
  auto o = Opts(BadRecordPolicy::kQuarantine);
  o.bad_records.max_errors = 30;
  ExpectSame(text, o, false);
  o = Opts(BadRecordPolicy::kSkip);
  o.bad_records.max_error_ratio = 0.01;
  ExpectSame(text, o, false);
}

TEST(JsonParallelTest, RecordsSpreadOverLinesResumeOnTheReadersThread) {
  // Pretty-printed concatenated documents: most cuts fall inside a record.
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "{\n  \"id\": " + std::to_string(i) + ",\n  \"v\": [\n    " + std::to_string(i * 3) +
            "\n  ]\n}\n";
    if (i == 150) text += "{\n  \"id\": \"x\" oops\n}\n";
  }
  auto o = Opts(BadRecordPolicy::kQuarantine);
  o.format = JsonFormat::kAuto;
  ExpectSame(text, o);
  // A truncated line that swallows the next ones (SkipResumesAtTheNextLine) past a cut.
  std::string lines;
  for (int i = 0; i < 300; ++i) {
    lines += i % 50 == 7 ? "{\"a\":\n" : "{\"a\":" + std::to_string(i) + "}\n";
  }
  ExpectSame(lines, Opts(BadRecordPolicy::kSkip));
  ExpectSame(lines, Opts(BadRecordPolicy::kFail), false);
}

TEST(JsonParallelTest, SchemaModesByteOrderMarkAndNoFinalNewline) {
  std::string text = "\xEF\xBB\xBF" + Generated(400, 5, false);
  text.pop_back();
  auto o = Opts(BadRecordPolicy::kSkip);
  ExpectSame(text, o);
  auto full = columnar::MakeSchema(
      {columnar::Field("id", columnar::Int64()), columnar::Field("x", columnar::Float64())});
  o.schema_mode = JsonSchemaMode::kFull;
  o.schema = full;
  ExpectSame(text, o);
  o.schema_mode = JsonSchemaMode::kPartial;
  o.schema = columnar::MakeSchema({columnar::Field("x", columnar::String())});
  ExpectSame(text, o);
}

TEST(JsonParallelTest, RecordSizeLimitAndTopLevelArray) {
  std::string text = Generated(200, 6, false);
  text += "{\"id\": 1, \"name\": \"" + std::string(3000, 'y') + "\"}\n" + Generated(50, 7, false);
  auto o = Opts(BadRecordPolicy::kSkip);
  o.max_record_bytes = 1000;
  ExpectSame(text, o, false);
}

// A top-level array of `n` elements; `style` places the commas and line breaks: 0 "},\n{",
// 1 "}\n,{" (comma first), 2 pretty-printed elements over several lines, 3 one line.
std::string Array(int n, int style, const std::string& before_end = "\n") {
  std::string text = "[\n";
  for (int i = 0; i < n; ++i) {
    std::string element = style == 2
                              ? "{\n  \"a\": " + std::to_string(i) + ",\n  \"s\": \"x[,]\"\n}"
                              : "{\"a\": " + std::to_string(i) + ", \"s\": \"x[,]\"}";
    if (i > 0) text += style == 1 ? "\n," : (style == 3 ? ", " : ",\n");
    text += element;
  }
  return text + before_end + "]\n";
}

JsonReadOptions ArrayOpts(BadRecordPolicy policy) {
  auto o = Opts(policy);
  o.format = JsonFormat::kAuto;
  return o;
}

TEST(JsonParallelTest, TopLevelArrayIsSplitBetweenElements) {
  for (int style : {0, 1, 2, 3}) {
    SCOPED_TRACE("style " + std::to_string(style));
    ExpectSame(Array(600, style), ArrayOpts(BadRecordPolicy::kFail));
  }
  // The elements after the sample were parsed apart: batches end at chunk ends.
  const std::string text = Array(600, 0);
  EXPECT_GT(ReadAll(text, ArrayOpts(BadRecordPolicy::kFail), 2, 64).batches,
            2 * ReadAll(text, ArrayOpts(BadRecordPolicy::kFail), 1, 64).batches);
  ExpectSame("\xEF\xBB\xBF" + Array(300, 0, ""), ArrayOpts(BadRecordPolicy::kFail));
  ExpectSame(Array(300, 0, "\n\n\n\n\n\n"), ArrayOpts(BadRecordPolicy::kFail));
  ExpectSame("[]", ArrayOpts(BadRecordPolicy::kFail));
  // Elements that are not objects are rejected in place under skip and quarantine.
  std::string mixed = Array(300, 0);
  mixed.replace(mixed.find("{\"a\": 250,"), 0, "17,\n[1, 2],\n");
  ExpectSame(mixed, ArrayOpts(BadRecordPolicy::kSkip));
  ExpectSame(mixed, ArrayOpts(BadRecordPolicy::kQuarantine));
}

TEST(JsonParallelTest, TopLevelArrayErrorsAreTheSequentialOnes) {
  auto broken = [](int n, const std::string& at, const std::string& with) {
    std::string text = Array(n, 0);
    text.replace(text.find(at), at.size(), with);
    return text;
  };
  const auto o = ArrayOpts(BadRecordPolicy::kSkip);
  ExpectSame(broken(400, "},\n{\"a\": 300,", "}\n{\"a\": 300,"), o, false);    // no comma
  ExpectSame(broken(400, "},\n{\"a\": 300,", "},\n,{\"a\": 300,"), o, false);  // two commas
  ExpectSame(broken(400, "},\n{\"a\": 300,", "},,\n{\"a\": 300,"), o, false);
  ExpectSame(broken(400, "}\n]", "},\n]"), o, false);             // trailing comma
  ExpectSame(broken(400, "}\n]", "}\n]\n{\"a\": 1}"), o, false);  // data after ']'
  ExpectSame(broken(400, "}\n]\n", "}\n"), o, false);             // no ']'
  ExpectSame(broken(400, "}\n]\n", "},\n"), o, false);
  ExpectSame(broken(400, "\"a\": 350,", "\"a\": 350 oops,"), o, false);  // bad element
  ExpectSame(broken(400, "{\"a\": 399", "{\"a\": 399, \"t\": \"cut"), o, false);
  ExpectSame(broken(400, "},\n{\"a\": 200,", "}]\n\n\n{\"a\": 200,"), o, false);  // ']' early
}

}  // namespace
}  // namespace s3c::formats
