// RunPlanText and RunPlanJson (run_plan.h).
#include <fmt/format.h>

#include "s3c/common/json_escape.h"
#include "s3c/common/strings.h"
#include "s3c/pipeline/run_plan.h"

namespace s3c::pipeline {
namespace {

uint64_t Total(const RequestCounts& counts) {
  uint64_t n = 0;
  for (const auto& [op, k] : counts) n += k;
  return n;
}

// "ListObjectsV2 2, GetObject 14" ("none" when empty).
std::string CountsText(const RequestCounts& counts) {
  if (counts.empty()) return "none";
  std::string out;
  for (const auto& [op, n] : counts) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", op, FormatCount(n));
  }
  return out;
}

std::string CountsJson(const RequestCounts& counts) {
  std::string out;
  for (const auto& [op, n] : counts) {
    out += fmt::format("{}{}:{}", out.empty() ? "" : ",", JsonQuote(op), n);
  }
  return "{" + out + "}";
}

std::string SourceJson(const SourcePlan& s) {
  std::string notes;
  for (const std::string& n : s.notes) notes += (notes.empty() ? "" : ",") + JsonQuote(n);
  return fmt::format(
      "{{\"name\":{},\"uri\":{},\"objects\":{},\"object_bytes\":{},\"read_bytes\":{},"
      "\"state\":{},\"listing\":{},\"reads\":{},\"requests\":{},\"plan_only\":{},"
      "\"plan_only_bytes\":{},\"exact\":{},\"notes\":[{}]}}",
      JsonQuote(s.name), JsonQuote(s.uri), s.objects, s.object_bytes, s.read_bytes,
      CountsJson(s.state), CountsJson(s.listing), CountsJson(s.reads),
      Total(s.state) + Total(s.listing) + Total(s.reads),
      CountsJson(s.plan_only), s.plan_only_bytes, s.exact ? "true" : "false", notes);
}

}  // namespace

std::string RunPlanText(const RunPlan& plan) {
  std::string out;
  for (const PipelinePlan& p : plan.pipelines) {
    const SourcePlan& s = p.source;
    out += fmt::format("pipeline {}: source {} ({})\n", p.name, s.name, s.uri);
    out += fmt::format("  reads {} object(s) of {} ({} bytes); the reads fetch {} bytes\n",
                       FormatCount(static_cast<uint64_t>(s.objects)), FormatBytes(s.object_bytes),
                       FormatCount(s.object_bytes), FormatCount(s.read_bytes));
    if (!s.state.empty()) out += fmt::format("  incremental state: {}\n", CountsText(s.state));
    out += fmt::format("  listing: {}\n", CountsText(s.listing));
    out += fmt::format("  reads: {}\n", CountsText(s.reads));
    if (!s.plan_only.empty()) {
      out += fmt::format("  sent by the plan alone (Parquet footers, a key's HEAD): {}, {} bytes\n",
                         CountsText(s.plan_only), FormatCount(s.plan_only_bytes));
    }
    out += fmt::format("  source figures: {}\n", s.exact ? "exact" : "not exact");
    for (const std::string& n : s.notes) out += fmt::format("    {}\n", n);
    for (const DestinationPlan& d : p.destinations) {
      out += fmt::format("  -> {} ({}, mode {}): {} ({})\n", d.name, d.uri, d.mode,
                         CountsText(d.requests), d.note);
    }
    out += fmt::format(
        "  the run: {} requests ({}), estimated ${:.6f} (requests ${:.6f}, transfer ${:.6f})\n",
        FormatCount(Total(p.run_requests)), CountsText(p.run_requests), p.usd, p.cost.usd,
        p.transfer_usd);
  }
  out += fmt::format("the plan sent {} requests ({}), ${:.6f}\n",
                     FormatCount(Total(plan.plan_requests)), CountsText(plan.plan_requests),
                     plan.plan_cost.usd);
  out += fmt::format("estimated cost of the run: ${:.6f}\n", plan.usd);
  return out;
}

std::string RunPlanJson(const RunPlan& plan) {
  std::string pipelines;
  for (const PipelinePlan& p : plan.pipelines) {
    std::string destinations;
    for (const DestinationPlan& d : p.destinations) {
      destinations += fmt::format(
          "{}{{\"name\":{},\"uri\":{},\"mode\":{},\"requests\":{},\"estimate\":true,"
          "\"note\":{}}}",
          destinations.empty() ? "" : ",", JsonQuote(d.name), JsonQuote(d.uri), JsonQuote(d.mode),
          CountsJson(d.requests), JsonQuote(d.note));
    }
    pipelines += fmt::format(
        "{}{{\"name\":{},\"source\":{},\"destinations\":[{}],\"run_requests\":{},"
        "\"total_requests\":{},\"request_usd\":{:.6f},\"transfer_usd\":{:.6f},\"usd\":{:.6f}}}",
        pipelines.empty() ? "" : ",", JsonQuote(p.name), SourceJson(p.source), destinations,
        CountsJson(p.run_requests), Total(p.run_requests), p.cost.usd, p.transfer_usd, p.usd);
  }
  return fmt::format(
      "{{\"pipelines\":[{}],\"plan_requests\":{},\"plan_bytes\":{},\"plan_usd\":{:.6f},"
      "\"prices\":{{\"tier1_per_1000\":{},\"tier2_per_1000\":{},\"transfer_per_gb\":{}}},"
      "\"usd\":{:.6f}}}",
      pipelines, CountsJson(plan.plan_requests), plan.plan_bytes, plan.plan_cost.usd, plan.prices.tier1_per_1000,
      plan.prices.tier2_per_1000, plan.prices.transfer_per_gb, plan.usd);
}

}  // namespace s3c::pipeline
