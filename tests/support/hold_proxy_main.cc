// hold_proxy: the FaultProxy (fault_proxy.h) as a program that holds one chosen request
// (request_hold.h), for end-to-end cases that kill a client at an exact point of its work
// (tests/e2e/kill_and_rerun: the commit record's PUT, the _SUCCESS PUT).
//
// Usage: hold_proxy UPSTREAM_PORT METHOD TARGET_PART
//   Forwards every request to 127.0.0.1:UPSTREAM_PORT, except the first whose method is METHOD
//   and whose target (path and query) contains TARGET_PART: that one is held and never
//   forwarded. Prints "http://127.0.0.1:PORT" (the port it listens on, chosen free) as one line
//   on stdout once it accepts connections, and "held METHOD TARGET" as one line when it holds
//   the request. Runs until SIGINT or SIGTERM, then prints the number of requests received on
//   stderr and exits at once: the held request is dropped unanswered, never forwarded (the
//   proxy's destructor is not run, since it would wait for the held connection). Exit 2 on
//   bad arguments. SIGUSR1 releases the held request: it is forwarded and the client goes on
//   (prints "released").
#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/fault_proxy.h"
#include "support/request_hold.h"
#include "support/stop_signals.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: hold_proxy UPSTREAM_PORT METHOD TARGET_PART\n");
    return 2;
  }
  char* end = nullptr;
  const long upstream_port = std::strtol(argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || upstream_port < 1 || upstream_port > 65535 ||
      argv[2][0] == '\0' || argv[3][0] == '\0') {
    std::fprintf(stderr,
                 "hold_proxy: UPSTREAM_PORT must be 1..65535, METHOD and TARGET_PART not empty "
                 "(got '%s' '%s' '%s')\n",
                 argv[1], argv[2], argv[3]);
    return 2;
  }
  const sigset_t stop_signals = s3c::testing::BlockStopSignals();  // before the proxy's threads
  sigset_t waited = stop_signals;
  sigaddset(&waited, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &waited, nullptr);

  s3c::testing::RequestHold hold(argv[2], argv[3], [](const s3c::testing::ProxiedRequest& r) {
    std::printf("held %s %s\n", r.method.c_str(), r.target.c_str());
    std::fflush(stdout);
  });
  // Never destroyed (see the header comment): the held connection thread blocks for good.
  auto* proxy = new s3c::testing::FaultProxy("127.0.0.1", static_cast<int>(upstream_port), {});
  proxy->SetRequestHook(hold.Hook());
  std::printf("%s\n", proxy->url().c_str());
  std::fflush(stdout);

  // SIGUSR1 releases the held request (forwarded as it was sent, so the client goes on: a
  // run held at its commit while another run commits); SIGINT / SIGTERM stop the proxy.
  while (true) {
    int signal_number = 0;
    sigwait(&waited, &signal_number);
    if (signal_number != SIGUSR1) break;
    hold.Release();
    std::printf("released\n");
    std::fflush(stdout);
  }
  std::fprintf(stderr, "hold_proxy: %zu request(s) received, %s\n", proxy->requests_seen(),
               hold.held() ? "one held" : "none held");
  std::fflush(stderr);
  std::_Exit(0);
}
