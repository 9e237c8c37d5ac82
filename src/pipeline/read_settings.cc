// AddReadFlags / BuildReadOptions (read_options.h).
#include "read_options.h"

#include <CLI/CLI.hpp>

#include "s3c/formats/option_names.h"
#include "s3c/formats/schema_spec.h"

namespace s3c::cli {
namespace {

Status ApplyCsv(const ReadFlags& f, formats::csv::CsvReadOptions& csv) {
  // Neither given: detected from the file (the format registry keeps TSV on tabs).
  csv.detect_dialect = f.delimiter.empty() && f.quote.empty();
  if (!f.delimiter.empty()) {
    S3C_ASSIGN_OR_RETURN(csv.dialect.delimiter,
                         formats::ParseDialectChar("--delimiter", f.delimiter));
  }
  if (!f.quote.empty()) {
    S3C_ASSIGN_OR_RETURN(csv.dialect.quote, formats::ParseDialectChar("--quote", f.quote));
  }
  if (!f.escape.empty()) {
    S3C_ASSIGN_OR_RETURN(csv.dialect.escape, formats::ParseDialectChar("--escape", f.escape));
  }
  S3C_ASSIGN_OR_RETURN(csv.header, PrefixError("--header: ", formats::ParseHeaderMode(f.header)));
  csv.skip_rows = f.skip_rows;
  csv.dialect.comment_prefix = f.comment;
  csv.dialect.trim_whitespace = f.trim;
  if (!f.null_strings.empty()) csv.null_strings = f.null_strings;
  S3C_ASSIGN_OR_RETURN(csv.encoding,
                       PrefixError("--encoding: ", formats::ParseTextEncoding(f.encoding)));
  S3C_ASSIGN_OR_RETURN(csv.ragged, PrefixError("--ragged: ", formats::ParseRaggedPolicy(f.ragged)));
  return Status::OK();
}

Status ApplySchema(const ReadFlags& f, dataset::DatasetReadOptions& o) {
  if (!f.schema.empty() + !f.types.empty() + f.all_strings > 1) {
    return InvalidArgumentError("give only one of --schema, --types and --all-strings");
  }
  if (!f.schema.empty() || !f.types.empty()) {
    S3C_ASSIGN_OR_RETURN(auto schema,
                         formats::ParseSchemaSpec(f.schema.empty() ? f.types : f.schema));
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

Status ApplyBadRecords(const ReadFlags& f, formats::BadRecordOptions& bad) {
  S3C_ASSIGN_OR_RETURN(bad.policy, PrefixError("--bad-records: ",
                                                formats::ParseBadRecordPolicy(f.bad_records)));
  if (bad.policy == formats::BadRecordPolicy::kQuarantine && f.quarantine.empty()) {
    return InvalidArgumentError("--bad-records quarantine needs --quarantine URI");
  }
  if (!f.quarantine.empty() && bad.policy != formats::BadRecordPolicy::kQuarantine) {
    return InvalidArgumentError("--quarantine needs --bad-records quarantine");
  }
  bad.max_errors = f.max_errors;
  bad.max_error_ratio = f.max_error_ratio;
  return Status::OK();
}

}  // namespace

std::vector<std::string> SplitColumns(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos
                                                                     : comma - start);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void AddReadFlags(CLI::App& cmd, ReadFlags& f, const std::string& input_compression_flag) {
  cmd.add_option("--format", f.format, "csv, tsv, json, jsonl, parquet or text (default: from the name)");
  cmd.add_option(input_compression_flag, f.compression,
                 "Input compression: gzip, bzip2, xz, zstd, lz4, snappy, zip, none (default: "
                 "detected from magic bytes, then the name)");
  cmd.add_option("--columns", f.columns, "Read only these columns: a,b,c");
  auto* g = cmd.add_option_group("CSV/TSV");
  g->add_option("--delimiter", f.delimiter, "One character; 'tab' or '\\t' for a tab");
  g->add_option("--quote", f.quote, "Quote character ('none' disables quoting)");
  g->add_option("--escape", f.escape, "Escape character, e.g. '\\' (default: doubled quotes)");
  g->add_option("--header", f.header, std::string(formats::kHeaderModeWords))
      ->capture_default_str();
  g->add_option("--skip-rows", f.skip_rows, "Lines to drop before the header");
  g->add_option("--comment", f.comment, "Lines starting with this are skipped");
  // One value per --null (repeat the flag): a greedy list would swallow the URI after it.
  g->add_option("--null", f.null_strings, "A text that means null (repeatable; default: empty)")
      ->allow_extra_args(false);
  g->add_option("--encoding", f.encoding, std::string(formats::kTextEncodingWords))
      ->capture_default_str();
  g->add_option("--invalid-utf8", f.invalid_utf8, std::string(formats::kInvalidUtf8PolicyWords))
      ->capture_default_str();
  g->add_option("--ragged", f.ragged,
                "Rows with too many/few fields: " + std::string(formats::kRaggedPolicyWords))
      ->capture_default_str();
  g->add_flag("--trim", f.trim, "Strip spaces around unquoted fields");
  cmd.add_option("--threads", f.threads, std::string(formats::kParseThreadsHelp))
      ->capture_default_str();
  auto* t = cmd.add_option_group("Text, JSON and Parquet");
  t->add_flag("--skip-empty-lines", f.skip_empty_lines, "Text: drop empty lines");
  t->add_option("--line-numbers", f.line_numbers, "Text: add a line-number column of this name");
  t->add_flag("--flatten", f.flatten, "JSON: nested objects become dotted columns");
  t->add_flag("--binary-as-string", f.binary_as_string,
              "Parquet: read binary columns without a string annotation (older Spark, Impala) "
              "as text");
  auto* s = cmd.add_option_group("Schema");
  s->add_option("--schema", f.schema, "Every column: 'id:int64, name:string, at:timestamp[ms]'");
  s->add_option("--types", f.types, "Types for some columns; the others are inferred");
  s->add_flag("--all-strings", f.all_strings, "Read every column as text");
  s->add_option("--infer-rows", f.infer_rows, "Rows sampled per file for inference (-1 = all)")
      ->capture_default_str();
  s->add_option("--infer-files", f.infer_files, "Files whose schemas are united (-1 = all)")
      ->capture_default_str();
  s->add_flag("--infer-decimals", f.infer_decimals, "Infer decimal(p,s) instead of double");
  auto* b = cmd.add_option_group("Bad records");
  b->add_option("--bad-records", f.bad_records, std::string(formats::kBadRecordPolicyWords))
      ->capture_default_str();
  b->add_option("--max-errors", f.max_errors, "Fail after this many rejected rows (-1 = no limit)");
  b->add_option("--max-error-ratio", f.max_error_ratio, "Fail when rejected/read exceeds this");
  b->add_option("--quarantine", f.quarantine, "JSON Lines file or object for rejected rows");
  AddLakeFlags(cmd, f);
}

Result<dataset::DatasetReadOptions> BuildReadOptions(const ReadFlags& f) {
  dataset::DatasetReadOptions o;
  if (!f.format.empty()) {
    S3C_ASSIGN_OR_RETURN(o.format, formats::ParseFileFormat(f.format));
  }
  if (!f.compression.empty()) {
    S3C_ASSIGN_OR_RETURN(o.read.compression, ParseCodecName(f.compression));
  }
  o.read.parquet.binary_as_string = f.binary_as_string;
  S3C_RETURN_IF_ERROR(ApplyCsv(f, o.read.csv));
  S3C_ASSIGN_OR_RETURN(formats::InvalidUtf8Policy utf8,
                       PrefixError("--invalid-utf8: ",
                                   formats::ParseInvalidUtf8Policy(f.invalid_utf8)));
  o.read.csv.invalid_utf8 = o.read.text.invalid_utf8 = utf8;
  o.read.text.encoding = o.read.csv.encoding;
  o.read.text.skip_empty_lines = f.skip_empty_lines;
  o.read.text.line_number_column = f.line_numbers;
  o.read.json.flatten = f.flatten;
  o.read.csv.threads = o.read.json.threads = f.threads;
  S3C_RETURN_IF_ERROR(ApplySchema(f, o));
  S3C_RETURN_IF_ERROR(ApplyBadRecords(f, o.read.csv.bad_records));
  o.read.json.bad_records = o.read.csv.bad_records;
  return o;
}

}  // namespace s3c::cli
