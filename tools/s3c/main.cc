// s3c: the command-line tool. Parses the command line, builds the context, runs one command and
// turns its final Status into a one-line message and a documented exit code (exit_codes.h).
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "commands.h"
#include "exit_codes.h"
#include "global_options.h"
#include "interrupt.h"
#include "s3c/common/env.h"
#include "s3c/common/log.h"
#include "stats_report.h"

namespace {

constexpr const char* kExitCodesHelp =
    "Exit codes: 0 success; 1 other error (network, server); 2 usage or configuration error; "
    "3 not found; 4 access denied or no credentials; 5 data error (corrupt or changed object, "
    "failed precondition); 130 interrupted.";

void ConfigureLogging(const s3c::cli::GlobalOptions& o) {
  if (o.quiet) {
    s3c::SetLogLevel(s3c::LogLevel::kError);
  } else if (o.verbose >= 2) {
    s3c::SetLogLevel(s3c::LogLevel::kDebug);
  } else if (o.verbose == 1) {
    s3c::SetLogLevel(s3c::LogLevel::kInfo);
  }
}

// glibc gives each thread that contends for malloc a new arena, up to 8 per core, and an arena
// keeps what its threads freed. s3c's pool threads hand buffers to one another (a batch decoded
// on one is freed on another), so freed memory piles up in many arenas: a CSV-to-Parquet job
// measured 600 MB peak RSS with the default and 450 MB with one arena per core, no slower.
// MALLOC_ARENA_MAX in the environment still decides.
void LimitMallocArenas() {
  if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
}

// Buffers of a few hundred KB to a few MB (a Parquet object read whole, decompressed pages,
// parse chunks) come and go with every object. Above glibc's mmap threshold (128 KiB at first)
// each is a fresh mapping whose pages the kernel faults in and zeroes every time: a sixth of the
// CPU of a Parquet lake read. With the threshold at 32 MiB and the heap trimmed only past 64 MiB
// free, they are reused from the heap: that read took 0.20 s instead of 0.245 s, and a 256 MB
// CSV-to-Parquet job was as fast with its peak RSS within 5%. GLIBC_TUNABLES or
// MALLOC_MMAP_THRESHOLD_ in the environment still decide.
void KeepBuffersInTheHeap() {
  if (std::getenv("GLIBC_TUNABLES") != nullptr ||
      std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr) {
    return;
  }
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace s3c::cli;  // NOLINT(google-build-using-namespace): the tool's own namespace
  LimitMallocArenas();
  KeepBuffersInTheHeap();
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout pipe becomes EPIPE, handled as Cancelled
  InstallInterruptHandler();

  CLI::App app{"s3c: move data between S3 (or any S3-compatible store) and everything else"};
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command name
  GlobalOptions options;
  AddGlobalOptions(app, options);
  CommandFn chosen;
  AddLsCommand(app, &chosen);
  AddStatCommand(app, &chosen);
  AddCpCommand(app, &chosen);
  AddRmCommand(app, &chosen);
  AddCatCommand(app, &chosen);
  AddMbCommand(app, &chosen);
  AddReadCommand(app, &chosen);
  AddSchemaCommand(app, &chosen);
  AddConvertCommand(app, &chosen);
  AddValidateCommand(app, &chosen);
  AddRunCommand(app, &chosen);
  AddStateCommand(app, &chosen);
  AddPlanCommand(app, &chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {  // CLI11 reports parse results by exception
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  ConfigureLogging(options);

  const s3c::Env& env = s3c::SystemEnv::Instance();
  auto ctx = CliContext::Make(options, env);
  s3c::Status status = ctx.ok() ? chosen(**ctx) : ctx.status();
  // Cancelled without a signal means stdout was closed (`s3c ls ... | head`): not an error.
  if (status.code() == s3c::StatusCode::kCancelled && !Interrupted()) status = s3c::Status::OK();
  int exit_code = ExitCodeFor(status);
  if (Interrupted()) {
    std::fprintf(stderr,
                 "s3c: interrupted; nothing incomplete was published (uploads aborted, partial "
                 "files removed)\n");
  } else if (!status.ok() && status.code() != s3c::StatusCode::kCancelled) {
    std::fprintf(stderr, "s3c: error: %s\n", s3c::RedactSecrets(status.ToString()).c_str());
  }
  std::fflush(stdout);
  if (ctx.ok() && !options.stats_file.empty()) {
    auto& c = **ctx;
    double elapsed = std::chrono::duration<double>(
                         s3c::SystemClock::Instance().MonotonicNow() - c.started())
                         .count();
    s3c::Status st = WriteStatsFile(
        options.stats_file,
        StatsJson(c.RequestStatistics(), c.objects(), elapsed, exit_code,
                  c.pruning() ? &*c.pruning() : nullptr));
    if (!st.ok()) std::fprintf(stderr, "s3c: cannot write --stats: %s\n", st.ToString().c_str());
  }
  return exit_code;
}
