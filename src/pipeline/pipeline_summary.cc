// PipelineSummary (pipeline_file.h).
#include <fmt/format.h>

#include "s3c/common/strings.h"
#include "s3c/pipeline/pipeline_file.h"

namespace s3c::pipeline {
namespace {

std::string Plural(size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// How the endpoint reaches its store: the store settings that differ from the defaults, and
// which credentials sign (never their values).
std::string Access(const Endpoint& e) {
  if (e.connector == Connector::kLocal) return "local";
  const S3StackOptions& s3 = e.store.s3;
  std::vector<std::string> parts;
  if (s3.no_sign_request) {
    parts.push_back("anonymous");
  } else if (!s3.access_key_id.empty()) {
    parts.push_back(s3.session_token.empty() ? "keys ***" : "temporary keys ***");
  } else if (!s3.profile.empty()) {
    parts.push_back("profile " + s3.profile);
  } else {
    parts.push_back("AWS credentials chain");
  }
  if (!s3.role_arn.empty()) parts.push_back("role " + s3.role_arn);
  if (!s3.endpoint_url.empty()) parts.push_back("endpoint " + s3.endpoint_url);
  if (!s3.region.empty()) parts.push_back("region " + s3.region);
  return Join(parts, ", ");
}

std::string Steps(const PipelineSpec& p) {
  std::vector<std::string> steps;
  if (!p.select.empty()) steps.push_back("select " + Join(p.select, ", "));
  if (!p.where.empty()) steps.push_back("where " + p.where);
  const TransformSpec& t = p.transform;
  for (const auto& [from, to] : t.rename) steps.push_back(fmt::format("rename {} -> {}", from, to));
  for (const auto& [column, type] : t.cast) {
    steps.push_back(fmt::format("cast {} to {}", column, type.ToString()));
  }
  if (t.limit) steps.push_back(fmt::format("limit {}", *t.limit));
  return Join(steps, "; ");
}

}  // namespace

std::string PipelineSummary(const PipelineFile& file) {
  std::string out = fmt::format(
      "{}: valid: {}, {}, {}\n", file.origin, Plural(file.pipelines.size(), "pipeline"),
      Plural(file.sources.size(), "source"), Plural(file.destinations.size(), "destination"));
  for (const PipelineSpec& p : file.pipelines) {
    out += fmt::format("pipeline {}: {} -> {}\n", p.name, p.from, Join(p.to, ", "));
    if (const SourceSpec* s = file.FindSource(p.from)) {
      out += fmt::format("  read   {} (format {}; {})\n", s->uri,
                         s->read.format.empty() ? "auto" : s->read.format, Access(*s));
    }
    std::string steps = Steps(p);
    if (!steps.empty()) out += "  steps  " + steps + "\n";
    for (const std::string& name : p.to) {
      const DestinationSpec* d = file.FindDestination(name);
      if (d == nullptr) continue;
      out += fmt::format("  write  {} ({}, format {}, mode {}{}; {})\n", d->uri,
                         d->single_object ? "one object" : "dataset",
                         formats::FileFormatName(d->checked.format), WriteModeName(d->checked.mode),
                         d->checked.partition_by.empty()
                             ? ""
                             : ", partition_by " + Join(d->checked.partition_by, ", "),
                         Access(*d));
    }
  }
  return file.secrets.Redact(out);
}

}  // namespace s3c::pipeline
