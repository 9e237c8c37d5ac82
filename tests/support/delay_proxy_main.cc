// delay_proxy: the FaultProxy (fault_proxy.h) as a program, for benchmarks that measure a client
// under request latency (bench/lake_read_bench.sh). It forwards every request to an upstream on
// 127.0.0.1 after a fixed delay and injects no other fault.
//
// Usage: delay_proxy UPSTREAM_PORT DELAY_MS
//   Prints "http://127.0.0.1:PORT" (the port it listens on, chosen free) as one line on stdout
//   once it accepts connections, then runs until SIGINT or SIGTERM, and on exit prints the number
//   of requests it received on stderr. Exit 2 on bad arguments.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/fault_proxy.h"
#include "support/stop_signals.h"

namespace {

// A whole decimal number in [lo, hi], else -1.
long ParseBounded(const char* text, long lo, long hi) {
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || v < lo || v > hi) return -1;
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: delay_proxy UPSTREAM_PORT DELAY_MS\n");
    return 2;
  }
  const long upstream_port = ParseBounded(argv[1], 1, 65535);
  const long delay_ms = ParseBounded(argv[2], 0, 60000);
  if (upstream_port < 0 || delay_ms < 0) {
    std::fprintf(stderr,
                 "delay_proxy: UPSTREAM_PORT must be 1..65535 and DELAY_MS 0..60000 "
                 "(got '%s' '%s')\n",
                 argv[1], argv[2]);
    return 2;
  }
  const sigset_t stop_signals = s3c::testing::BlockStopSignals();  // before the proxy's threads

  s3c::testing::FaultPlan plan;
  plan.delay_ms = static_cast<int>(delay_ms);  // fault kNone: latency added to every request
  s3c::testing::FaultProxy proxy("127.0.0.1", static_cast<int>(upstream_port), plan);
  std::printf("%s\n", proxy.url().c_str());
  std::fflush(stdout);

  s3c::testing::WaitForStopSignal(stop_signals);
  std::fprintf(stderr, "delay_proxy: %zu request(s) received, each delayed %ld ms\n",
               proxy.requests_seen(), delay_ms);
  return 0;
}
