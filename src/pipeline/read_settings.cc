// BuildReadOptions (read_settings.h).
#include "s3c/pipeline/read_settings.h"

#include <fmt/format.h>

#include "s3c/formats/option_names.h"
#include "s3c/formats/schema_spec.h"

namespace s3c::pipeline {
namespace {

Status ApplyDialectChars(const ReadSettings& f, const SettingNames& n,
                         formats::csv::CsvReadOptions& csv) {
  struct Char {
    const char* key;
    const std::string& text;
    char& out;
  };
  for (const Char& c : {Char{"delimiter", f.delimiter, csv.dialect.delimiter},
                        Char{"quote", f.quote, csv.dialect.quote},
                        Char{"escape", f.escape, csv.dialect.escape}}) {
    if (c.text.empty()) continue;
    S3C_ASSIGN_OR_RETURN(c.out, n.Blame(c.key, formats::ParseDialectChar(n.Name(c.key), c.text)));
  }
  return Status::OK();
}

Status ApplyCsv(const ReadSettings& f, const SettingNames& n, formats::csv::CsvReadOptions& csv) {
  // Neither given: detected from the file (the format registry keeps TSV on tabs).
  csv.detect_dialect = f.delimiter.empty() && f.quote.empty();
  S3C_RETURN_IF_ERROR(ApplyDialectChars(f, n, csv));
  S3C_ASSIGN_OR_RETURN(csv.header, n.Prefixed("header", formats::ParseHeaderMode(f.header)));
  csv.skip_rows = f.skip_rows;
  csv.dialect.comment_prefix = f.comment;
  csv.dialect.trim_whitespace = f.trim;
  if (!f.null_strings.empty()) csv.null_strings = f.null_strings;
  S3C_ASSIGN_OR_RETURN(csv.encoding,
                       n.Prefixed("encoding", formats::ParseTextEncoding(f.encoding)));
  S3C_ASSIGN_OR_RETURN(csv.ragged, n.Prefixed("ragged", formats::ParseRaggedPolicy(f.ragged)));
  return Status::OK();
}

Status ApplySchema(const ReadSettings& f, const SettingNames& n, dataset::DatasetReadOptions& o) {
  if (!f.schema.empty() + !f.types.empty() + f.all_strings > 1) {
    const char* blamed = f.schema.empty() ? "types" : "schema";
    return n.Error(blamed, fmt::format("give only one of {}, {} and {}", n.Name("schema"),
                                       n.Name("types"), n.Name("all_strings")));
  }
  if (!f.schema.empty() || !f.types.empty()) {
    S3C_ASSIGN_OR_RETURN(auto schema,
                         n.Blame(f.schema.empty() ? "types" : "schema",
                                 formats::ParseSchemaSpec(f.schema.empty() ? f.types : f.schema)));
    formats::SetReadSchema(f.schema.empty() ? formats::csv::SchemaMode::kPartial
                                            : formats::csv::SchemaMode::kFull,
                           std::move(schema), &o.read);
  } else if (f.all_strings) {
    formats::SetReadSchema(formats::csv::SchemaMode::kAllStrings, nullptr, &o.read);
  }
  for (formats::InferenceOptions* inf : {&o.read.csv.inference, &o.read.json.inference}) {
    inf->max_rows = f.infer_rows;
    inf->max_files = f.infer_files;
    inf->infer_decimals = f.infer_decimals;
  }
  o.infer_files = f.infer_files;
  return Status::OK();
}

Status ApplyBadRecords(const ReadSettings& f, const SettingNames& n,
                       formats::BadRecordOptions& bad) {
  S3C_ASSIGN_OR_RETURN(bad.policy,
                       n.Prefixed("bad_records", formats::ParseBadRecordPolicy(f.bad_records)));
  if (bad.policy == formats::BadRecordPolicy::kQuarantine && f.quarantine.empty()) {
    return n.Error("bad_records", fmt::format("{} quarantine needs {} URI", n.Name("bad_records"),
                                              n.Name("quarantine")));
  }
  if (!f.quarantine.empty() && bad.policy != formats::BadRecordPolicy::kQuarantine) {
    return n.Error("quarantine", fmt::format("{} needs {} quarantine", n.Name("quarantine"),
                                             n.Name("bad_records")));
  }
  bad.max_errors = f.max_errors;
  bad.max_error_ratio = f.max_error_ratio;
  return Status::OK();
}

}  // namespace

Result<dataset::DatasetReadOptions> BuildReadOptions(const ReadSettings& f,
                                                     const SettingNames& n) {
  dataset::DatasetReadOptions o;
  if (!f.format.empty()) {
    S3C_ASSIGN_OR_RETURN(o.format, n.Blame("format", formats::ParseFileFormat(f.format)));
  }
  if (!f.compression.empty()) {
    S3C_ASSIGN_OR_RETURN(o.read.compression, n.Blame("compression", ParseCodecName(f.compression)));
  }
  o.read.parquet.binary_as_string = f.binary_as_string;
  S3C_RETURN_IF_ERROR(ApplyCsv(f, n, o.read.csv));
  S3C_ASSIGN_OR_RETURN(formats::InvalidUtf8Policy utf8,
                       n.Prefixed("invalid_utf8", formats::ParseInvalidUtf8Policy(f.invalid_utf8)));
  o.read.csv.invalid_utf8 = o.read.text.invalid_utf8 = utf8;
  o.read.text.encoding = o.read.csv.encoding;
  o.read.text.skip_empty_lines = f.skip_empty_lines;
  o.read.text.line_number_column = f.line_numbers;
  o.read.json.flatten = f.flatten;
  o.read.csv.threads = o.read.json.threads = f.threads;
  S3C_RETURN_IF_ERROR(ApplySchema(f, n, o));
  S3C_RETURN_IF_ERROR(ApplyBadRecords(f, n, o.read.csv.bad_records));
  o.read.json.bad_records = o.read.csv.bad_records;
  return o;
}

}  // namespace s3c::pipeline
