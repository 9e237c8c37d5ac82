// ShowStates, ResetState, SetState and their output (state_admin.h).
#include "s3c/pipeline/state_admin.h"

#include <fmt/format.h>

#include "pipeline/incremental_run.h"
#include "pipeline/resolver_pool.h"
#include "s3c/common/json_escape.h"
#include "s3c/common/name_suggest.h"
#include "s3c/common/time_format.h"
#include "s3c/dataset/object_filters.h"
#include "s3c/write/file_naming.h"

namespace s3c::pipeline {
namespace {

bool IsIncremental(const PipelineFile& file, const PipelineSpec& p) {
  const SourceSpec* source = file.FindSource(p.from);
  return source != nullptr && source->incremental.strategy != IncrementalStrategy::kNone;
}

// The pipelines options.pipeline names (or every incremental one); `one` requires exactly one.
Result<std::vector<const PipelineSpec*>> Selected(const PipelineFile& file,
                                                  const std::string& name, bool one) {
  std::vector<const PipelineSpec*> out;
  if (!name.empty()) {
    const PipelineSpec* p = file.FindPipeline(name);
    if (p == nullptr) {
      std::vector<std::string> names;
      for (const PipelineSpec& q : file.pipelines) names.push_back(q.name);
      return NotFoundError(
          fmt::format("{}: no pipeline \"{}\"{}", file.origin, name, DidYouMean(name, names)));
    }
    if (!IsIncremental(file, *p)) {
      return InvalidArgumentError(fmt::format(
          "{}: pipeline {} reads source {}, which has no incremental: section (no state)",
          file.origin, name, p->from));
    }
    out.push_back(p);
    return out;
  }
  for (const PipelineSpec& p : file.pipelines) {
    if (IsIncremental(file, p)) out.push_back(&p);
  }
  if (out.empty()) {
    return InvalidArgumentError(
        fmt::format("{}: no pipeline reads an incremental source (no state)", file.origin));
  }
  if (one && out.size() > 1) {
    std::string names;
    for (const PipelineSpec* p : out) names += (names.empty() ? "" : ", ") + p->name;
    return InvalidArgumentError(fmt::format(
        "{}: several pipelines keep state ({}): name one with --pipeline", file.origin, names));
  }
  return out;
}

// Begins a read-only incremental run of `p`: the state as the next run would adopt it.
Result<std::unique_ptr<IncrementalRun>> Open(const PipelineFile& file, const PipelineSpec& p,
                                             const StateAdminOptions& options,
                                             ResolverPool& stores) {
  IncrementalContext context{&file, &p, file.FindSource(p.from), file.FindDestination(p.to.at(0))};
  if (context.destination == nullptr) {
    return NotFoundError(fmt::format("pipeline {}: no destination {}", p.name, p.to.at(0)));
  }
  S3C_ASSIGN_OR_RETURN(context.destination_stores, stores.For(context.destination->store));
  context.env = options.env;
  context.clock = options.clock;
  context.run_id = write::MakeRunId(*options.clock, SystemRandom::Instance());
  context.read_only = true;
  return IncrementalRun::Begin(context);
}

StateView ViewOf(const PipelineFile& file, const PipelineSpec& p, const IncrementalRun& run) {
  StateView v;
  v.pipeline = p.name;
  v.source = p.from;
  v.destination = p.to.at(0);
  v.strategy = IncrementalStrategyName(file.FindSource(p.from)->incremental.strategy);
  v.state_uri = run.state_uri();
  v.stored_sequence = run.stored_sequence();
  v.record_sequence = run.record_sequence();
  v.state = run.adopted();
  return v;
}

// Opens the one selected pipeline, saves what `change` makes of its state, and shows it.
Result<StateView> Replace(
    const PipelineFile& file, const StateAdminOptions& options,
    const std::function<Result<state::IncrementalState>(state::IncrementalState,
                                                        const std::string& strategy)>& change) {
  if (options.env == nullptr) return InvalidArgumentError("state: no environment");
  S3C_ASSIGN_OR_RETURN(auto selected, Selected(file, options.pipeline, /*one=*/true));
  ResolverPool stores(*options.env, options.store_defaults);
  S3C_ASSIGN_OR_RETURN(auto run, Open(file, *selected[0], options, stores));
  StateView view = ViewOf(file, *selected[0], *run);
  S3C_ASSIGN_OR_RETURN(state::IncrementalState next, change(run->adopted(), view.strategy));
  S3C_ASSIGN_OR_RETURN(view.state, run->SaveReplacement(std::move(next)));
  view.stored_sequence = view.state.sequence;
  return view;
}

}  // namespace

Result<std::vector<StateView>> ShowStates(const PipelineFile& file,
                                          const StateAdminOptions& options) {
  if (options.env == nullptr) return InvalidArgumentError("state: no environment");
  S3C_ASSIGN_OR_RETURN(auto selected, Selected(file, options.pipeline, /*one=*/false));
  ResolverPool stores(*options.env, options.store_defaults);
  std::vector<StateView> out;
  for (const PipelineSpec* p : selected) {
    S3C_ASSIGN_OR_RETURN(auto run, Open(file, *p, options, stores));
    out.push_back(ViewOf(file, *p, *run));
  }
  return out;
}

Result<StateView> ResetState(const PipelineFile& file, const StateAdminOptions& options) {
  return Replace(file, options, [](const state::IncrementalState&, const std::string&) {
    return Result<state::IncrementalState>(state::IncrementalState{});
  });
}

Result<StateView> SetState(const PipelineFile& file, const std::vector<std::string>& assignments,
                           const StateAdminOptions& options) {
  if (assignments.empty()) {
    return InvalidArgumentError(
        "state set: give what to set: watermark=<time>, last_key=<key> or cursor_value=<value>");
  }
  const WallTime now = options.clock->Now();
  return Replace(file, options, [&](state::IncrementalState s, const std::string& strategy)
                                    -> Result<state::IncrementalState> {
    for (const std::string& a : assignments) {
      const size_t eq = a.find('=');
      const std::string name = a.substr(0, eq);
      const std::string value = eq == std::string::npos ? "" : a.substr(eq + 1);
      if (eq == std::string::npos || value.empty()) {
        return InvalidArgumentError(fmt::format("state set: '{}' is not name=value", a));
      }
      if (name == "watermark" && strategy == "last_modified") {
        Result<WallTime> t = dataset::ParseInstant(value, now);
        if (!t.ok()) return InvalidArgumentError("state set: watermark: " + t.status().message());
        s.watermark = *t;
      } else if (name == "last_key" && strategy == "key") {
        s.last_key = value;
        s.loaded.clear();  // the kept keys would restart the listing before it
      } else if (name == "cursor_value" && strategy == "cursor") {
        s.cursor_value = value;
        s.boundary_rows.clear();  // rows at the new value are all loaded again
      } else if (name == "watermark" || name == "last_key" || name == "cursor_value") {
        return InvalidArgumentError(fmt::format(
            "state set: {} is not a member of the {} strategy's state", name, strategy));
      } else {
        return InvalidArgumentError(fmt::format(
            "state set: unknown member '{}' (watermark, last_key or cursor_value){}", name,
            DidYouMean(name, {"watermark", "last_key", "cursor_value"})));
      }
    }
    return s;
  });
}

std::string StateViewsText(const std::vector<StateView>& views) {
  std::string out;
  for (const StateView& v : views) {
    out += fmt::format("pipeline {} ({} -> {}), strategy {}\n", v.pipeline, v.source,
                       v.destination, v.strategy);
    out += fmt::format("  state: {} (stored sequence {}, newest in commit records {})\n",
                       v.state_uri, v.stored_sequence, v.record_sequence);
    const state::IncrementalState& s = v.state;
    if (s.sequence == 0) {
      out += "  nothing loaded yet: the next run reads everything\n";
      continue;
    }
    out += fmt::format("  sequence {}, saved {} by run {}\n", s.sequence,
                       FormatIso8601(s.saved_at), s.run_id);
    if (s.watermark) out += fmt::format("  watermark {}\n", FormatIso8601(*s.watermark));
    if (!s.last_key.empty()) out += fmt::format("  last key {}\n", s.last_key);
    if (s.cursor_value) {
      out += fmt::format("  cursor {} = {} ({} boundary row(s))\n", s.cursor_field,
                         *s.cursor_value, s.boundary_rows.size());
    }
    out += fmt::format("  {} object(s) tracked", s.loaded.size());
    if (!s.loaded.empty()) {
      out += fmt::format(" ({} .. {})", s.loaded.front().key, s.loaded.back().key);
    }
    out += '\n';
  }
  return out;
}

std::string StateViewsJson(const std::vector<StateView>& views) {
  std::string out = "[";
  for (const StateView& v : views) {
    if (out.size() > 1) out += ',';
    out += "{\"pipeline\":";
    AppendJsonString(v.pipeline, &out);
    out += ",\"source\":";
    AppendJsonString(v.source, &out);
    out += ",\"destination\":";
    AppendJsonString(v.destination, &out);
    out += ",\"strategy\":";
    AppendJsonString(v.strategy, &out);
    out += ",\"state_uri\":";
    AppendJsonString(v.state_uri, &out);
    out += fmt::format(",\"stored_sequence\":{},\"record_sequence\":{},\"state\":{}}}",
                       v.stored_sequence, v.record_sequence, state::StateToJson(v.state));
  }
  return out + "]\n";
}

}  // namespace s3c::pipeline
