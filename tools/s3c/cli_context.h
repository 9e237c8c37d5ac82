// Everything a command needs, built once from the global options: the store resolver (its S3
// client made on first use, so local-only commands need no credentials, and its request
// statistics), the objects counter and the start time of --stats.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "global_options.h"
#include "stats_report.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/store/store_resolver.h"

namespace s3c::cli {

class CliContext {
 public:
  static Result<std::unique_ptr<CliContext>> Make(const GlobalOptions& options, const Env& env);

  const GlobalOptions& options() const { return options_; }
  // The environment the command was started with (pipeline files interpolate from it).
  const Env& env() const { return env_; }
  StoreResolver& stores() { return *resolver_; }
  // The store settings the global options give (`s3c run` passes them to its endpoints).
  const StoreResolverOptions& resolver_options() const { return resolver_options_; }
  // Requests sent through stores other than stores() (a pipeline run's own), for --stats.
  void AddRequests(const StoreRequestStats& more);
  // Every request of the command: stores() and what AddRequests added.
  StoreRequestStats RequestStatistics() const;
  // Objects a command listed, read, wrote or deleted (the "objects" of --stats).
  void CountObjects(uint64_t n) { objects_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t objects() const { return objects_.load(); }
  MonoTime started() const { return started_; }
  // What a data command's listing and filter skipped (--stats); unset for other commands.
  std::optional<PruningReport>& pruning() { return pruning_; }

  // The location of a URI ("s3://bucket/key", "file:///path", a plain path, "mem://name/key",
  // "-"): StoreResolver::Resolve.
  Result<StoreLocation> Resolve(const std::string& uri) { return resolver_->Resolve(uri); }

 private:
  CliContext(GlobalOptions options, const Env& env);

  GlobalOptions options_;
  const Env& env_;
  MonoTime started_;
  std::atomic<uint64_t> objects_{0};
  std::optional<PruningReport> pruning_;
  std::unique_ptr<StoreResolver> resolver_;
  StoreResolverOptions resolver_options_;
  StoreRequestStats added_;
};

}  // namespace s3c::cli
