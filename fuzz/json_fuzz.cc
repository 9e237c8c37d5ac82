// libFuzzer target over the JSON parser, reader and writer. Build: -DS3C_FUZZ=ON, clang++-14.
#include "json_fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/compare.h"
#include "s3c/common/json_parser.h"
#include "s3c/formats/json/json_reader.h"
#include "s3c/formats/json/json_writer.h"
#include "s3c/io/local_file.h"

namespace s3c::fuzz {
namespace {

using formats::RecordBatch;

void Check(bool ok, const char* what, const std::string& detail) {
  if (ok) return;
  std::fprintf(stderr, "json fuzz invariant broken: %s: %s\n", what, detail.c_str());
  std::abort();
}

void CheckError(const Status& s) {
  bool positioned =
      s.code() == StatusCode::kDataLoss && (s.message().find("byte offset ") != std::string::npos ||
                                            s.message().find("bad records") != std::string::npos);
  Check(positioned || s.code() == StatusCode::kResourceExhausted, "error kind", s.ToString());
}

Result<std::vector<std::shared_ptr<RecordBatch>>> ReadAll(std::string text,
                                                          formats::JsonReadOptions o) {
  S3C_ASSIGN_OR_RETURN(auto reader, formats::OpenJsonReader(MakeStringInput(std::move(text)), o));
  std::vector<std::shared_ptr<RecordBatch>> out;
  for (;;) {
    S3C_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (batch == nullptr) return out;
    out.push_back(std::move(batch));
  }
}

bool HasTemporal(const formats::Schema& schema) {
  std::string s = schema.ToString();
  return s.find("timestamp") != std::string::npos || s.find("date32") != std::string::npos;
}

void RoundTrip(const std::vector<std::shared_ptr<RecordBatch>>& batches) {
  auto schema = batches[0]->schema();
  std::string text;
  auto writer = formats::OpenJsonWriter(MakeStringOutput(&text), schema);
  Check(writer.ok(), "open writer", writer.status().ToString());
  for (const auto& b : batches) {
    Status s = (*writer)->Write(*b);
    Check(s.ok(), "write", s.ToString());
  }
  Status closed = (*writer)->Close();
  Check(closed.ok(), "close", closed.ToString());
  // Shifted time zones can leave the four-digit years the ISO parser reads; skip those.
  if (HasTemporal(*schema)) return;
  formats::JsonReadOptions o;
  o.schema_mode = formats::JsonSchemaMode::kFull;
  o.schema = schema;
  o.batch_rows = 1 << 30;
  auto back = ReadAll(text, o);
  Check(back.ok(), "read back", back.status().ToString() + "\n" + text);
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  int64_t back_rows = back->empty() ? 0 : (*back)[0]->num_rows();
  Check(back->size() <= 1 && back_rows == rows, "row count", text);
  int64_t at = 0;
  for (const auto& b : batches) {
    auto slice = (*back)[0]->Slice(at, b->num_rows());
    Check(columnar::RecordBatchEquals(*slice, *b), "round trip",
          b->ToString() + "\nvs\n" + slice->ToString());
    at += b->num_rows();
  }
}

}  // namespace

JsonFuzzOutcome RunJsonFuzzInput(const uint8_t* data, size_t size) {
  if (size == 0) return JsonFuzzOutcome::kRejected;
  uint8_t flags = data[0];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);

  JsonValue v;
  Status parsed = ParseJsonText(body, &v, "fuzz", JsonParseOptions{.max_depth = 64});
  if (!parsed.ok()) CheckError(parsed);

  formats::JsonReadOptions o;
  o.object_name = "fuzz";
  o.format = (flags & 1) ? formats::JsonFormat::kJsonLines : formats::JsonFormat::kAuto;
  o.flatten = (flags & 2) != 0;
  o.flatten_max_depth = 2;
  if (flags & 4) o.bad_records.policy = formats::BadRecordPolicy::kSkip;
  if (flags & 8) o.schema_mode = formats::JsonSchemaMode::kAllStrings;
  o.batch_rows = 1 + (flags >> 4);
  o.max_depth = 64;
  o.max_record_bytes = 1 << 20;
  auto batches = ReadAll(std::move(body), o);
  if (!batches.ok()) {
    CheckError(batches.status());
    return JsonFuzzOutcome::kRejected;
  }
  if (!batches->empty()) RoundTrip(*batches);
  return JsonFuzzOutcome::kRead;
}

}  // namespace s3c::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  s3c::fuzz::RunJsonFuzzInput(data, size);
  return 0;
}
