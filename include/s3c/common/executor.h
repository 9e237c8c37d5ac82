// The one executor (docs/architecture.md, "Threads"): the only code in the library that starts
// threads for CPU work. Three pieces:
//
//   Executor        a fixed pool of threads; Executor::Shared() is sized to the cores.
//   TaskGroup       tasks that return a Status, submitted to an Executor: wait for all, the
//                   first error wins, not-yet-started tasks can be cancelled.
//   CompletionQueue operations that finish on some other thread (an HTTP transport's, a pool
//                   thread) hand their result to one waiting thread, so that thread keeps many
//                   reads in flight without a thread each.
//
// Deadlock rule (waiting inside the pool): TaskGroup::Wait() and TaskGroup::RunOnePending() run
// the group's not-yet-started tasks on the calling thread ("caller runs"), so a pool task that
// waits for a group never waits for a task that needs a free pool thread to start: what it
// waits for is either running already (on another thread, which makes progress) or run by the
// waiter itself. CompletionQueue::Next() blocks without that help, so it is only for results that
// do not need a pool thread to arrive (I/O transports), or for tasks of a group the waiter
// drains first.
//
// Tasks must not throw (library code returns Status, docs/architecture.md convention 1): an
// exception escaping a task ends the process (std::terminate).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "s3c/common/status.h"

namespace s3c {

// A fixed pool of threads running submitted tasks in submission order (FIFO start).
// Thread-safe: Submit() may be called from any thread, including pool threads.
// Lifetime: the executor must outlive every TaskGroup made on it and every Submit() call.
// Shutdown: the destructor stops taking tasks, lets the pool run every task already queued
// (tasks are often continuations that complete a waiter; dropping them would strand it), then
// joins its threads. Calling the destructor from a pool thread is a programming error.
class Executor {
 public:
  // `threads` below 1 is taken as 1.
  explicit Executor(int threads);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // The process-wide CPU pool: std::thread::hardware_concurrency() threads (at least 1), made on
  // first use and never destroyed (its threads are idle at exit; joining them from a static
  // destructor would race with other static destructors that still submit).
  static Executor& Shared();

  int size() const { return static_cast<int>(threads_.size()); }

  // Queues `task` to run on a pool thread.
  void Submit(std::function<void()> task);

  // True when the calling thread is one of this executor's threads.
  bool InPool() const;

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool stop_ = false;                        // guarded by mu_
  std::vector<std::thread> threads_;
};

// A set of tasks on an executor that one owner waits for.
// Concurrency: at most `max_parallel` of the group's tasks run on pool threads at once (0: as
// many as the pool has threads); threads inside Wait()/RunOnePending() run tasks in addition.
// Tasks start in submission order.
// Errors: the first task to return a non-OK Status fails the group: its Status is kept (later
// errors are dropped), the tasks not yet started are dropped without running, later Submit()s
// are dropped, and Wait() returns that Status. Cancel() does the same with Cancelled.
// Thread-safety: every method may be called from any thread, including from the group's own
// tasks (a task may Submit() more work to its group).
// Lifetime: the destructor cancels the not-yet-started tasks and waits for the running ones, so
// tasks may refer to what the group's owner owns and the group is declared after it. The group
// must be destroyed before its executor. A group may be waited on repeatedly: Wait() returns
// once nothing is pending or running, and later Submit()s start again (after a failure they are
// dropped and Wait() returns the first error again).
class TaskGroup {
 public:
  explicit TaskGroup(Executor& executor = Executor::Shared(), int max_parallel = 0);
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  void Submit(std::function<Status()> task);

  // Runs the oldest not-yet-started task on the calling thread; false when none was pending.
  // For owners that wait on something of their own (one task's result) and want to help meanwhile.
  bool RunOnePending();

  // Runs not-yet-started tasks on the calling thread, then waits until none is running; returns
  // the first error (or Cancelled after Cancel()), else OK.
  Status Wait();

  // Drops the not-yet-started tasks and fails the group with Cancelled (unless it failed already).
  // Running tasks finish; Wait() still waits for them.
  void Cancel();

 private:
  struct State;
  static void Pump(const std::shared_ptr<State>& state);
  static void RunTask(State& state, std::function<Status()> task);

  Executor& executor_;
  std::shared_ptr<State> state_;  // shared with the pumps queued on the executor
};

// Results of operations that complete on other threads, handed to one waiting thread in the
// order they complete. Each operation is started with a Completer(tag); calling the completer
// (once, from any thread) queues (tag, value) and wakes the waiter.
// Thread-safety: completers may run on any thread at any time; Next() and Outstanding() are for
// the owning thread. Lifetime: completers keep the queue's state alive, so a completer called
// after the queue is gone is harmless (the value is dropped); whatever the operations write into
// (buffers) must outlive them, which is why owners drain every outstanding completion before
// they free those buffers (see Outstanding()).
template <typename T>
class CompletionQueue {
 public:
  CompletionQueue() : state_(std::make_shared<State>()) {}

  // The callback that completes one operation, identified by `tag`.
  std::function<void(T)> Completer(size_t tag) {
    ++outstanding_;
    return [state = state_, tag](T value) {
      {
        std::lock_guard<std::mutex> lock(state->mu);
        state->done.emplace_back(tag, std::move(value));
      }
      state->cv.notify_one();
    };
  }

  // Completers handed out whose result Next() has not returned yet.
  size_t Outstanding() const { return outstanding_; }

  // Blocks until a completion is queued and returns it. Precondition: Outstanding() > 0.
  std::pair<size_t, T> Next() {
    std::unique_lock<std::mutex> lock(state_->mu);
    state_->cv.wait(lock, [&] { return !state_->done.empty(); });
    std::pair<size_t, T> out = std::move(state_->done.front());
    state_->done.pop_front();
    --outstanding_;
    return out;
  }

 private:
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::pair<size_t, T>> done;  // guarded by mu
  };
  std::shared_ptr<State> state_;
  size_t outstanding_ = 0;  // owner thread only
};

}  // namespace s3c
