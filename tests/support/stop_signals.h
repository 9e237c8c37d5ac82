// SIGINT / SIGTERM handling of the small test programs (delay_proxy, hold_proxy): the signals
// are blocked before any thread starts (threads inherit the mask, so no thread is interrupted)
// and the main thread waits for one synchronously.
#pragma once

#include <signal.h>

namespace s3c::testing {

// Blocks SIGINT and SIGTERM in the calling thread; call before starting threads.
inline sigset_t BlockStopSignals() {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return stop_signals;
}

// Waits until one of the blocked signals arrives.
inline void WaitForStopSignal(const sigset_t& stop_signals) {
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
}

}  // namespace s3c::testing
