#include "s3c/common/executor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace s3c {
namespace {

// A latch the test opens by hand: tasks that Pass() it block until Open().
class Gate {
 public:
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  void Pass() {
    std::unique_lock<std::mutex> lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  // Blocks until n threads are in Pass().
  void AwaitWaiting(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  int waiting_ = 0;
};

TEST(ExecutorTest, RunsEveryTaskOnItsThreads) {
  std::atomic<int> ran{0};
  std::atomic<int> in_pool{0};
  {
    Executor pool(3);
    EXPECT_EQ(pool.size(), 3);
    EXPECT_FALSE(pool.InPool());
    for (int i = 0; i < 100; ++i) {
      pool.Submit([&] {
        ran.fetch_add(1);
        if (pool.InPool()) in_pool.fetch_add(1);
      });
    }
  }  // the destructor runs what is queued
  EXPECT_EQ(ran.load(), 100);
  EXPECT_EQ(in_pool.load(), 100);
}

TEST(ExecutorTest, SizeIsAtLeastOneAndSharedIsSizedToTheCores) {
  Executor none(0);
  EXPECT_EQ(none.size(), 1);
  EXPECT_EQ(Executor::Shared().size(),
            std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
}

TEST(ExecutorTest, ShutdownRunsTasksStillQueued) {
  Gate gate;
  std::vector<int> order;  // written by the one pool thread only
  {
    Executor pool(1);
    pool.Submit([&] { gate.Pass(); });
    gate.AwaitWaiting(1);  // the only thread is busy: the next tasks stay queued
    for (int i = 0; i < 5; ++i) pool.Submit([&order, i] { order.push_back(i); });
    gate.Open();
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(TaskGroupTest, WaitReturnsOkAfterEveryTask) {
  Executor pool(2);
  std::atomic<int> ran{0};
  TaskGroup group(pool);
  for (int i = 0; i < 50; ++i) {
    group.Submit([&] {
      ran.fetch_add(1);
      return Status::OK();
    });
  }
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(ran.load(), 50);
  // Reusable after Wait().
  group.Submit([&] {
    ran.fetch_add(1);
    return Status::OK();
  });
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(ran.load(), 51);
}

TEST(TaskGroupTest, FirstErrorWinsAndLaterTasksNeverStart) {
  Executor pool(1);
  Gate gate;
  pool.Submit([&] { gate.Pass(); });
  gate.AwaitWaiting(1);  // no pool thread free: Wait() runs the group's tasks here, in order
  std::vector<int> ran;
  TaskGroup group(pool);
  group.Submit([&] {
    ran.push_back(0);
    return Status::OK();
  });
  group.Submit([&] {
    ran.push_back(1);
    return InvalidArgumentError("first");
  });
  group.Submit([&] {
    ran.push_back(2);
    return InternalError("second");
  });
  Status st = group.Wait();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "first");
  EXPECT_EQ(ran, (std::vector<int>{0, 1}));
  group.Submit([&] {  // dropped: the group failed
    ran.push_back(3);
    return Status::OK();
  });
  EXPECT_EQ(group.Wait().message(), "first");
  gate.Open();
  EXPECT_EQ(ran, (std::vector<int>{0, 1}));
}

TEST(TaskGroupTest, ErrorOfATaskOnThePoolReachesTheWaiter) {
  Executor pool(2);
  TaskGroup group(pool);
  std::atomic<int> started{0};
  for (int i = 0; i < 20; ++i) {
    group.Submit([&started, i]() -> Status {
      started.fetch_add(1);
      if (i == 5) return DataLossError("task 5");
      return Status::OK();
    });
  }
  Status st = group.Wait();
  EXPECT_EQ(st.code(), StatusCode::kDataLoss);
  EXPECT_EQ(st.message(), "task 5");
  EXPECT_GE(started.load(), 6);
}

TEST(TaskGroupTest, CancelDropsTasksNotStarted) {
  Executor pool(1);
  Gate gate;
  pool.Submit([&] { gate.Pass(); });
  gate.AwaitWaiting(1);
  std::atomic<int> ran{0};
  {
    TaskGroup group(pool);
    for (int i = 0; i < 5; ++i) {
      group.Submit([&] {
        ran.fetch_add(1);
        return Status::OK();
      });
    }
    group.Cancel();
    EXPECT_EQ(group.Wait().code(), StatusCode::kCancelled);
    TaskGroup dropped_by_destructor(pool);
    dropped_by_destructor.Submit([&] {
      ran.fetch_add(100);
      return Status::OK();
    });
  }  // the destructor cancels what has not started
  gate.Open();
  EXPECT_EQ(ran.load(), 0);
}

// One pool thread; a task on it waits for a group of its own on the same pool. Without
// caller-runs this would wait forever for the thread it occupies.
TEST(TaskGroupTest, WaitingInsideThePoolRunsTheTasksItWaitsFor) {
  Executor pool(1);
  std::atomic<int> inner_in_pool{0};
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  Status inner_status = InternalError("not run");
  pool.Submit([&] {
    TaskGroup inner(pool);
    for (int i = 0; i < 10; ++i) {
      inner.Submit([&] {
        if (pool.InPool()) inner_in_pool.fetch_add(1);
        return Status::OK();
      });
    }
    Status st = inner.Wait();
    std::lock_guard<std::mutex> lock(mu);
    inner_status = st;
    done = true;
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  EXPECT_TRUE(inner_status.ok());
  EXPECT_EQ(inner_in_pool.load(), 10);
}

TEST(TaskGroupTest, TasksSubmittedByTasksAreWaitedFor) {
  Executor pool(2);
  std::atomic<int> ran{0};
  TaskGroup group(pool);
  for (int i = 0; i < 4; ++i) {
    group.Submit([&] {
      for (int j = 0; j < 4; ++j) {
        group.Submit([&] {
          ran.fetch_add(1);
          return Status::OK();
        });
      }
      return Status::OK();
    });
  }
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(ran.load(), 16);
}

TEST(TaskGroupTest, MaxParallelBoundsPoolThreadsOfTheGroup) {
  Executor pool(4);
  std::mutex mu;
  std::condition_variable cv;
  int active = 0, most = 0, finished = 0;
  bool release = false;
  TaskGroup group(pool, 2);
  for (int i = 0; i < 8; ++i) {
    group.Submit([&] {
      std::unique_lock<std::mutex> lock(mu);
      most = std::max(most, ++active);
      cv.notify_all();
      cv.wait(lock, [&] { return release || active == 2; });
      release = true;  // two ran side by side: let everyone through
      --active;
      ++finished;
      cv.notify_all();
      return Status::OK();
    });
  }
  {
    // The owner does not help (no Wait yet): only pool threads run tasks.
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return finished == 8; });
  }
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(most, 2);
}

TEST(CompletionQueueTest, DeliversCompletionsInTheOrderTheyHappen) {
  CompletionQueue<int> queue;
  std::vector<std::function<void(int)>> completers;
  for (size_t tag = 0; tag < 3; ++tag) completers.push_back(queue.Completer(tag));
  EXPECT_EQ(queue.Outstanding(), 3u);
  std::thread other([&] {
    completers[2](20);
    completers[0](0);
    completers[1](10);
  });
  std::vector<std::pair<size_t, int>> got;
  while (queue.Outstanding() > 0) got.push_back(queue.Next());
  other.join();
  EXPECT_EQ(got, (std::vector<std::pair<size_t, int>>{{2, 20}, {0, 0}, {1, 10}}));
}

TEST(CompletionQueueTest, ManyCompletersOnManyThreads) {
  CompletionQueue<size_t> queue;
  std::vector<std::thread> threads;
  for (size_t tag = 0; tag < 64; ++tag) {
    threads.emplace_back([done = queue.Completer(tag), tag] { done(tag * 2); });
  }
  std::vector<bool> seen(64, false);
  while (queue.Outstanding() > 0) {
    auto [tag, value] = queue.Next();
    EXPECT_EQ(value, tag * 2);
    EXPECT_FALSE(seen[tag]);
    seen[tag] = true;
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(seen.begin(), seen.end(), true), 64);
}

}  // namespace
}  // namespace s3c
