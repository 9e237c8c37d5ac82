// RunReportText and RunReportJson (pipeline_runner.h).
#include <fmt/format.h>

#include "s3c/common/json_escape.h"
#include "s3c/pipeline/pipeline_runner.h"

namespace s3c::pipeline {
namespace {

const char* OutcomeName(DestinationOutcome outcome) {
  switch (outcome) {
    case DestinationOutcome::kWritten:
      return "written";
    case DestinationOutcome::kSkipped:
      return "skipped";
    case DestinationOutcome::kUnchanged:
      return "unchanged";
    case DestinationOutcome::kPlanned:
      return "planned";
  }
  return "?";
}

std::string RequestsJson(const StoreRequestStats& s) {
  std::string out = "{";
  for (const auto& [op, n] : s.requests) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}:{}", JsonQuote(op), n);
  }
  return out + "}";
}

}  // namespace

std::string RunReportText(const RunReport& report) {
  std::string out;
  for (const PipelineReport& p : report.pipelines) {
    out += fmt::format("pipeline {}: {} rows out of {} read from {} ({} of {} objects)", p.name,
                       p.rows_out, p.rows_read, p.source, p.objects_read, p.objects_listed);
    if (p.rows_filtered > 0) out += fmt::format(", {} filtered out", p.rows_filtered);
    if (p.rows_rejected > 0) {
      out += fmt::format(", {} rejected ({} quarantined)", p.rows_rejected, p.quarantined);
    }
    out += fmt::format(", {:.2f} s\n", p.seconds);
    for (const std::string& d : p.drift) out += fmt::format("  schema drift: {}\n", d);
    if (!p.incremental.empty()) out += "  " + p.incremental + "\n";
    for (const DestinationReport& d : p.destinations) {
      out +=
          fmt::format("  -> {} ({}, mode {}): {}", d.name, d.uri, d.mode, OutcomeName(d.outcome));
      if (d.outcome == DestinationOutcome::kWritten) {
        out += fmt::format(", {} rows in {} file(s), {} bytes", d.rows, d.files, d.bytes);
        if (d.commit_sequence >= 0) out += fmt::format(", commit {}", d.commit_sequence);
      } else if (!d.plan.empty()) {
        out += ": " + d.plan;
      }
      out += '\n';
    }
  }
  out += fmt::format("requests: {} (", report.requests.total_requests);
  bool first = true;
  for (const auto& [op, n] : report.requests.requests) {
    out += fmt::format("{}{} {}", first ? "" : ", ", op, n);
    first = false;
  }
  out += fmt::format("), {} retries, {} bytes down, {} bytes up\n", report.requests.retries,
                     report.requests.bytes_downloaded, report.requests.bytes_uploaded);
  out += fmt::format("estimated request cost: ${:.6f} ({} tier-1, {} tier-2 requests)\n",
                     report.cost.usd, report.cost.tier1_requests, report.cost.tier2_requests);
  return out;
}

std::string RunReportJson(const RunReport& report) {
  std::string pipelines;
  for (const PipelineReport& p : report.pipelines) {
    std::string destinations;
    for (const DestinationReport& d : p.destinations) {
      if (!destinations.empty()) destinations += ',';
      destinations += fmt::format(
          "{{\"name\":{},\"uri\":{},\"mode\":{},\"outcome\":\"{}\",\"files\":{},\"rows\":{},"
          "\"bytes\":{},\"commit_sequence\":{},\"plan\":{}}}",
          JsonQuote(d.name), JsonQuote(d.uri), JsonQuote(d.mode), OutcomeName(d.outcome), d.files,
          d.rows, d.bytes, d.commit_sequence, JsonQuote(d.plan));
    }
    std::string drift;
    for (const std::string& d : p.drift) drift += (drift.empty() ? "" : ",") + JsonQuote(d);
    if (!pipelines.empty()) pipelines += ',';
    pipelines += fmt::format(
        "{{\"name\":{},\"source\":{},\"objects_listed\":{},\"objects_read\":{},"
        "\"rows_read\":{},\"rows_rejected\":{},\"rows_filtered\":{},\"rows_out\":{},"
        "\"quarantined\":{},\"drift\":[{}],\"objects_not_new\":{},\"incremental\":{},"
        "\"seconds\":{:.3f},\"destinations\":[{}]}}",
        JsonQuote(p.name), JsonQuote(p.source), p.objects_listed, p.objects_read, p.rows_read,
        p.rows_rejected, p.rows_filtered, p.rows_out, p.quarantined, drift,
        p.objects_not_new, JsonQuote(p.incremental), p.seconds, destinations);
  }
  return fmt::format(
      "{{\"pipelines\":[{}],\"requests\":{},\"total_requests\":{},\"retries\":{},"
      "\"bytes_downloaded\":{},\"bytes_uploaded\":{},\"cost_usd\":{:.6f},\"seconds\":{:.3f}}}",
      pipelines, RequestsJson(report.requests), report.requests.total_requests,
      report.requests.retries, report.requests.bytes_downloaded, report.requests.bytes_uploaded,
      report.cost.usd, report.seconds);
}

}  // namespace s3c::pipeline
