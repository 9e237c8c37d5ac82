// The pool and task groups (s3c/common/executor.h).
#include "s3c/common/executor.h"

#include <algorithm>

namespace s3c {
namespace {

// The executor whose Loop() runs on this thread, if any.
thread_local const Executor* current_executor = nullptr;

}  // namespace

Executor::Executor(int threads) {
  const int n = std::max(1, threads);
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { Loop(); });
}

Executor::~Executor() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

Executor& Executor::Shared() {
  static Executor* const shared =
      new Executor(static_cast<int>(std::thread::hardware_concurrency()));
  return *shared;
}

void Executor::Submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

bool Executor::InPool() const { return current_executor == this; }

void Executor::Loop() {
  current_executor = this;
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Queued tasks run even after stop_: a task still queued at shutdown may be what completes
      // a waiter (and a running task may queue one more; this thread then picks it up).
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

struct TaskGroup::State {
  Executor* executor = nullptr;
  size_t max_parallel = 1;
  std::mutex mu;
  std::condition_variable cv;                   // pending or running changed
  std::deque<std::function<Status()>> pending;  // not yet started, guarded by mu
  size_t pumps = 0;    // pumps queued on or running in the executor, guarded by mu
  size_t running = 0;  // tasks running on any thread, guarded by mu
  Status error;        // the first failure (or Cancelled), guarded by mu
};

TaskGroup::TaskGroup(Executor& executor, int max_parallel)
    : executor_(executor), state_(std::make_shared<State>()) {
  state_->executor = &executor;
  state_->max_parallel = static_cast<size_t>(max_parallel > 0 ? max_parallel : executor.size());
}

TaskGroup::~TaskGroup() {
  Cancel();
  (void)Wait();
}

void TaskGroup::Submit(std::function<Status()> task) {
  bool post = false;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (!state_->error.ok()) return;  // failed or cancelled: dropped
    state_->pending.push_back(std::move(task));
    if (state_->pumps < state_->max_parallel) {
      ++state_->pumps;
      post = true;
    }
  }
  if (post) executor_.Submit([state = state_] { Pump(state); });
}

// One pool slot of the group: runs the oldest pending task, then queues itself again behind the
// executor's other work while tasks remain (so groups share the pool), else frees the slot.
void TaskGroup::Pump(const std::shared_ptr<State>& state) {
  std::function<Status()> task;
  {
    std::lock_guard<std::mutex> lock(state->mu);
    if (state->pending.empty()) {
      --state->pumps;
      return;
    }
    task = std::move(state->pending.front());
    state->pending.pop_front();
    ++state->running;
  }
  RunTask(*state, std::move(task));
  bool again = false;
  {
    std::lock_guard<std::mutex> lock(state->mu);
    again = !state->pending.empty();
    if (!again) --state->pumps;
  }
  if (again) state->executor->Submit([state] { Pump(state); });
}

void TaskGroup::RunTask(State& state, std::function<Status()> task) {
  Status status = task();
  task = nullptr;  // what the task captured goes before the owner can see the group idle
  std::deque<std::function<Status()>> dropped;
  {
    std::lock_guard<std::mutex> lock(state.mu);
    if (!status.ok() && state.error.ok()) {
      state.error = std::move(status);
      dropped.swap(state.pending);
    }
    --state.running;
  }
  state.cv.notify_all();
}

bool TaskGroup::RunOnePending() {
  std::function<Status()> task;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->pending.empty()) return false;
    task = std::move(state_->pending.front());
    state_->pending.pop_front();
    ++state_->running;
  }
  RunTask(*state_, std::move(task));
  return true;
}

Status TaskGroup::Wait() {
  while (RunOnePending()) {
  }
  std::unique_lock<std::mutex> lock(state_->mu);
  while (true) {
    state_->cv.wait(lock, [&] { return state_->running == 0 || !state_->pending.empty(); });
    if (state_->pending.empty()) return state_->error;
    // A running task submitted more: run it here as well.
    lock.unlock();
    while (RunOnePending()) {
    }
    lock.lock();
  }
}

void TaskGroup::Cancel() {
  std::deque<std::function<Status()>> dropped;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->error.ok()) state_->error = CancelledError("the task group was cancelled");
    dropped.swap(state_->pending);
  }
  state_->cv.notify_all();
}

}  // namespace s3c
