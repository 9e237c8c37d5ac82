// CheckWriteSettings and the write mode words (write_settings.h).
#include "s3c/pipeline/write_settings.h"

#include <fmt/format.h>

#include <set>

#include "s3c/write/file_naming.h"

namespace s3c::pipeline {
namespace {


Result<formats::FileFormat> FormatOf(const WriteSettings& s, const WriteTarget& target,
                                     const SettingNames& n) {
  if (!s.format.empty() && s.format != "auto") {
    S3C_ASSIGN_OR_RETURN(formats::FileFormat format,
                         n.Blame("format", formats::ParseFileFormat(s.format)));
    if (format == formats::FileFormat::kText) {
      return n.Error("format", fmt::format("{}: text is read-only; write csv, tsv, json, jsonl "
                                           "or parquet", n.Name("format")));
    }
    return format;
  }
  std::optional<formats::FileFormat> named =
      target.single_object ? formats::OutputFormatFromName(target.name).format : std::nullopt;
  if (!named) {
    return n.Error("format", fmt::format("cannot tell the output format from '{}': give {} csv, "
                                         "tsv, json, jsonl or parquet",
                                         target.name, n.Name("format")));
  }
  return *named;
}

Status ApplyFormatOptions(const WriteSettings& s, const WriteTarget& target,
                          const SettingNames& n, CheckedWriteSettings& out) {
  formats::FormatWriteOptions& o = out.format_options;
  if (s.row_group_rows <= 0) {
    return n.Error("row_group_rows",
                   fmt::format("{} must be at least 1, got {}", n.Name("row_group_rows"),
                               s.row_group_rows));
  }
  if (out.format == formats::FileFormat::kParquet) {
    if (!s.compression.empty()) {
      S3C_ASSIGN_OR_RETURN(o.parquet.codec,
                           n.Blame("compression",
                                   PrefixError(n.Name("compression") + " ",
                                               formats::ParseParquetCodec(s.compression))));
    }
    o.parquet.compression_level = s.level;
    o.parquet.row_group_rows = s.row_group_rows;
    o.parquet.data_page_v2 = s.page_v2;
    return Status::OK();
  }
  S3C_ASSIGN_OR_RETURN(o.json.non_finite, n.Prefixed("json_non_finite",
                                                     formats::ParseNonFiniteFloats(
                                                         s.json_non_finite)));
  if (!s.compression.empty()) {
    S3C_ASSIGN_OR_RETURN(o.compression, n.Blame("compression", ParseCodecName(s.compression)));
  } else if (target.single_object) {
    o.compression = formats::OutputFormatFromName(target.name).compression;
  }
  o.compress.level = s.level;
  return Status::OK();
}

// The template as the write tasks parse it (write/file_naming.h), blamed on file_name.
Status CheckFileName(const std::string& name, const SettingNames& n) {
  return n.Prefixed("file_name", write::FileNameTemplate::Parse(name)).status();
}

Status CheckLayout(const WriteSettings& s, const WriteTarget& target, const SettingNames& n,
                   CheckedWriteSettings& out) {
  std::set<std::string> seen;
  for (const std::string& column : s.partition_by) {
    if (column.empty()) return n.Error("partition_by", n.Name("partition_by") + ": empty column");
    if (!seen.insert(column).second) {
      return n.Error("partition_by", fmt::format("{}: column '{}' is given twice",
                                                 n.Name("partition_by"), column));
    }
  }
  out.partition_by = s.partition_by;
  if (out.mode == WriteMode::kOverwritePartitions && s.partition_by.empty()) {
    return n.Error("mode", fmt::format("{} overwrite_partitions needs {}", n.Name("mode"),
                                       n.Name("partition_by")));
  }
  if (target.single_object) {
    // One object is one PUT or upload: nothing that makes many files applies to it.
    const std::pair<const char*, bool> dataset_only[] = {
        {"partition_by", !s.partition_by.empty()}, {"file_name", !s.file_name.empty()},
        {"max_file_size", !s.max_file_size.empty()}, {"max_rows_per_file", s.max_rows_per_file != -1},
        {"max_partitions", s.max_partitions != -1}};
    for (auto [key, given] : dataset_only) {
      if (given) {
        return n.Error(key, fmt::format("{} writes a dataset of many files, and '{}' names one "
                                        "object: give a prefix (path_prefix, or a URI ending in "
                                        "'/')", n.Name(key), target.name));
      }
    }
    // Checked here so that validate reports it; write::PlanWrite refuses it too.
    if (out.mode == WriteMode::kAppend) {
      return n.Error("mode", fmt::format("{} append adds files beside the old ones, and '{}' "
                                         "names one object: give a prefix (path_prefix, or a URI "
                                         "ending in '/'), or mode replace",
                                         n.Name("mode"), target.name));
    }
  }
  if (!s.file_name.empty()) S3C_RETURN_IF_ERROR(CheckFileName(s.file_name, n));
  out.file_name = s.file_name;
  for (auto [key, value, slot] : {std::tuple{"max_rows_per_file", s.max_rows_per_file,
                                             &out.max_rows_per_file},
                                  std::tuple{"max_partitions", s.max_partitions,
                                             &out.max_partitions}}) {
    if (value == -1) continue;
    if (value < 1) {
      return n.Error(key, fmt::format("{} must be at least 1 (or -1 for no limit), got {}",
                                      n.Name(key), value));
    }
    *slot = value;
  }
  S3C_ASSIGN_OR_RETURN(out.max_file_size, ByteSizeSetting(n, "max_file_size", s.max_file_size));
  S3C_ASSIGN_OR_RETURN(out.memory, ByteSizeSetting(n, "memory", s.memory));
  return Status::OK();
}

}  // namespace


Result<CheckedWriteSettings> CheckWriteSettings(const WriteSettings& s, const WriteTarget& target,
                                                const SettingNames& n) {
  CheckedWriteSettings out;
  S3C_ASSIGN_OR_RETURN(out.format, FormatOf(s, target, n));
  S3C_RETURN_IF_ERROR(ApplyFormatOptions(s, target, n, out));
  S3C_ASSIGN_OR_RETURN(out.mode, n.Blame("mode", ParseWriteMode(s.mode)));
  out.mode_name = n.Name("mode");
  S3C_RETURN_IF_ERROR(CheckLayout(s, target, n, out));
  return out;
}

}  // namespace s3c::pipeline
