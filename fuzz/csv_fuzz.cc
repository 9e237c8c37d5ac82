// libFuzzer target over the CSV reader, sniffer and writer. Build: -DS3C_FUZZ=ON, clang++-14.
#include "csv_fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/compare.h"
#include "s3c/formats/csv/csv.h"
#include "s3c/io/local_file.h"

namespace s3c::fuzz {
namespace {

using formats::RecordBatch;
using Batches = std::vector<std::shared_ptr<RecordBatch>>;

void Check(bool ok, const char* what, const std::string& detail) {
  if (ok) return;
  std::fprintf(stderr, "csv fuzz invariant broken: %s: %s\n", what, detail.c_str());
  std::abort();
}

Result<Batches> ReadAll(std::string text, formats::csv::CsvReadOptions o, int64_t* rows_read) {
  S3C_ASSIGN_OR_RETURN(
      auto reader, formats::csv::OpenCsvReader(MakeStringInput(std::move(text)), "fuzz.csv", o));
  Batches out;
  int64_t rows = 0;
  for (;;) {
    S3C_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (batch == nullptr) break;
    Check(batch->schema()->Equals(*reader->schema()), "batch schema", batch->schema()->ToString());
    Check(batch->num_rows() > 0 && batch->num_rows() <= o.batch_rows, "batch size",
          std::to_string(batch->num_rows()));
    rows += batch->num_rows();
    out.push_back(std::move(batch));
  }
  Check(reader->rows_read() >= rows, "rows_read", std::to_string(reader->rows_read()));
  if (rows_read != nullptr) *rows_read = rows;
  return out;
}

// Types whose CSV text reads back exactly (floats and temporals have their own unit tests).
bool RoundTrips(const formats::Schema& schema) {
  for (const auto& f : schema.fields()) {
    auto id = f.type().id();
    if (id != columnar::TypeId::kString && id != columnar::TypeId::kInt64 &&
        id != columnar::TypeId::kBool) {
      return false;
    }
  }
  return schema.num_fields() > 1;  // one column: a null row is a blank line
}

void RoundTrip(const Batches& batches, const formats::csv::CsvReadOptions& read) {
  auto schema = batches[0]->schema();
  if (!RoundTrips(*schema)) return;
  formats::csv::CsvWriteOptions w;
  w.dialect = read.dialect;
  w.dialect.comment_prefix.clear();
  w.dialect.trim_whitespace = false;
  w.header = read.header != formats::csv::HeaderMode::kNo;
  std::string text;
  auto writer = formats::csv::OpenCsvWriter(MakeStringOutput(&text), schema, w);
  Check(writer.ok(), "open writer", writer.status().ToString());
  int64_t rows = 0;
  for (const auto& b : batches) {
    Status s = (*writer)->Write(*b);
    Check(s.ok(), "write", s.ToString());
    rows += b->num_rows();
  }
  Status closed = (*writer)->Close();
  Check(closed.ok(), "close", closed.ToString());
  formats::csv::CsvReadOptions o;
  o.dialect = w.dialect;
  o.header = w.header ? formats::csv::HeaderMode::kYes : formats::csv::HeaderMode::kNo;
  o.schema_mode = formats::csv::SchemaMode::kFull;
  o.schema = schema;
  o.true_strings = {"true"};
  o.false_strings = {"false"};
  o.batch_rows = 1 << 30;
  auto back = ReadAll(text, o, nullptr);
  Check(back.ok(), "read back", back.status().ToString() + "\n" + text);
  Check(back->size() <= 1, "read back batches", text);
  int64_t back_rows = back->empty() ? 0 : (*back)[0]->num_rows();
  Check(back_rows == rows, "row count",
        std::to_string(back_rows) + " vs " + std::to_string(rows) + "\n" + text);
  int64_t at = 0;
  for (const auto& b : batches) {
    auto slice = (*back)[0]->Slice(at, b->num_rows());
    Check(columnar::RecordBatchEquals(*slice, *b), "round trip",
          b->ToString() + "\nvs\n" + slice->ToString() + "\ntext:\n" + text);
    at += b->num_rows();
  }
}

}  // namespace

CsvFuzzOutcome RunCsvFuzzInput(const uint8_t* data, size_t size) {
  if (size == 0) return CsvFuzzOutcome::kRejected;
  const uint8_t flags = data[0];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);

  // The sniffer must answer or fail cleanly on any bytes.
  auto sniffed = formats::csv::SniffCsv(body);
  if (!sniffed.ok()) {
    Check(sniffed.status().code() == StatusCode::kInvalidArgument, "sniff error kind",
          sniffed.status().ToString());
  }

  static const char kDelimiters[] = {',', '\t', '|', ';'};
  formats::csv::CsvReadOptions o;
  o.dialect.delimiter = kDelimiters[flags & 3];
  o.dialect.quote = (flags & 4) ? '\'' : '"';
  if (flags & 8) {
    o.dialect.escape = '\\';
    o.dialect.double_quote = false;
  }
  o.header = (flags & 16) ? formats::csv::HeaderMode::kNo : formats::csv::HeaderMode::kYes;
  if (flags & 32) o.ragged = formats::csv::RaggedRowPolicy::kPadWithNulls;
  if (flags & 64) o.bad_records.policy = formats::BadRecordPolicy::kSkip;
  if (flags & 128) o.schema_mode = formats::csv::SchemaMode::kAllStrings;
  if ((flags & (8 | 128)) == 0) {
    o.dialect.comment_prefix = "#";
    o.dialect.trim_whitespace = true;
  }
  o.true_strings = {"true"};
  o.false_strings = {"false"};
  o.batch_rows = 1 + static_cast<int64_t>(size % 7);
  o.read_chunk_bytes = 1 + size % 61;  // buffer refills inside records
  o.max_record_bytes = 1 << 16;
  auto batches = ReadAll(std::move(body), o, nullptr);
  if (!batches.ok()) {
    // Bad data is DataLoss; an option the input cannot honour (a schema column the header
    // lacks) is InvalidArgument. Anything else is a bug.
    Check(batches.status().code() == StatusCode::kDataLoss ||
              batches.status().code() == StatusCode::kInvalidArgument,
          "error kind", batches.status().ToString());
    return CsvFuzzOutcome::kRejected;
  }
  if (!batches->empty()) RoundTrip(*batches, o);
  return CsvFuzzOutcome::kRead;
}

}  // namespace s3c::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  s3c::fuzz::RunCsvFuzzInput(data, size);
  return 0;
}
