#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace s3c::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void OnSignal(int sig) {
  if (g_interrupted.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}

}  // namespace

void InstallInterruptHandler() {
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
}

bool Interrupted() { return g_interrupted.load(std::memory_order_relaxed); }

Status CheckInterrupted() {
  return Interrupted() ? CancelledError("interrupted: nothing partial was published")
                       : Status::OK();
}

}  // namespace s3c::cli
