#include "dataset/object_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/schema.h"

namespace s3c::dataset {
namespace {

// Batch `b` of object `o`: one int64 column holding o * 1000 + b, `rows` times.
std::shared_ptr<columnar::RecordBatch> MakeBatch(int64_t value, int64_t rows) {
  columnar::Int64Builder builder;
  for (int64_t i = 0; i < rows; ++i) builder.Append(value);
  auto array = builder.Finish();
  EXPECT_TRUE(array.ok());
  auto schema = columnar::MakeSchema({columnar::Field("v", columnar::Int64())});
  auto batch = columnar::RecordBatch::Make(schema, {*array}, rows);
  EXPECT_TRUE(batch.ok());
  return *batch;
}

// Produces `batches` batches of `rows` rows; fails with `error` after `fail_after` batches.
class FakeSource final : public ObjectBatchSource {
 public:
  FakeSource(size_t object, int batches, int64_t rows, int fail_after, std::atomic<int>* live)
      : object_(object), batches_(batches), rows_(rows), fail_after_(fail_after), live_(live) {}
  Result<std::shared_ptr<columnar::RecordBatch>> Next() override {
    if (fail_after_ >= 0 && next_ == fail_after_) {
      return DataLossError("object " + std::to_string(object_) + " is bad");
    }
    if (next_ == batches_) return std::shared_ptr<columnar::RecordBatch>();
    return MakeBatch(static_cast<int64_t>(object_) * 1000 + next_++, rows_);
  }
  int produced() const { return next_; }

 private:
  size_t object_;
  int batches_;
  int64_t rows_;
  int fail_after_;
  int next_ = 0;
  std::atomic<int>* live_;
};

struct PipelineRun {
  std::vector<int64_t> values;  // first value of every batch, in the order handed out
  std::vector<size_t> consumed;
  Status status;
  ObjectPipelineStats stats;
};

// Reads `objects` objects of `batches` batches each through a pipeline; object `failing` (if
// any) fails after `fail_after` batches.
PipelineRun ReadAll(size_t objects, int batches, ObjectPipelineOptions options, int64_t rows = 10,
            size_t failing = SIZE_MAX, int fail_after = -1) {
  PipelineRun run;
  std::atomic<int> live{0};
  {
    ObjectPipeline pipeline(
        objects, options,
        [&](size_t i) -> Result<std::unique_ptr<ObjectBatchSource>> {
          return std::unique_ptr<ObjectBatchSource>(new FakeSource(
              i, batches, rows, i == failing ? fail_after : -1, &live));
        },
        [&](size_t i, ObjectBatchSource* source) {
          EXPECT_NE(source, nullptr);
          EXPECT_EQ(static_cast<FakeSource*>(source)->produced(), batches);
          run.consumed.push_back(i);
        });
    while (true) {
      auto batch = pipeline.Next();
      if (!batch.ok()) {
        run.status = batch.status();
        break;
      }
      if (!*batch) break;
      auto column = std::static_pointer_cast<columnar::Int64Array>((*batch)->column(0));
      run.values.push_back(column->Value(0));
    }
    run.stats = pipeline.stats();
  }
  return run;
}

std::vector<int64_t> InOrder(size_t objects, int batches) {
  std::vector<int64_t> out;
  for (size_t o = 0; o < objects; ++o) {
    for (int b = 0; b < batches; ++b) out.push_back(static_cast<int64_t>(o) * 1000 + b);
  }
  return out;
}

TEST(ObjectPipelineTest, ObjectOrderThenRowOrderWithManyObjectsInFlight) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 4;
  options.decode_threads = 2;
  PipelineRun run = ReadAll(30, 7, options);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(run.values, InOrder(30, 7));
  std::vector<size_t> expected(30);
  for (size_t i = 0; i < 30; ++i) expected[i] = i;
  EXPECT_EQ(run.consumed, expected);
  EXPECT_LE(run.stats.peak_objects_in_flight, 4);
  EXPECT_LE(run.stats.peak_decoding, 2);
}

TEST(ObjectPipelineTest, UnorderedHandsOutEveryBatchOnceKeepingRowOrderWithinAnObject) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 5;
  options.unordered = true;
  PipelineRun run = ReadAll(20, 6, options);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  std::multiset<int64_t> got(run.values.begin(), run.values.end());
  std::vector<int64_t> all = InOrder(20, 6);
  EXPECT_EQ(got, std::multiset<int64_t>(all.begin(), all.end()));
  std::map<int64_t, int64_t> last_of_object;
  for (int64_t v : run.values) {
    auto it = last_of_object.find(v / 1000);
    if (it != last_of_object.end()) {
      EXPECT_LT(it->second, v) << "rows of an object out of order";
    }
    last_of_object[v / 1000] = v;
  }
  EXPECT_EQ(run.consumed.size(), 20u);
}

TEST(ObjectPipelineTest, TinyBudgetStillFinishesAndStaysWithinIt) {
  // Each batch (1000 int64 rows, 8000 bytes) is larger than the whole budget: objects other than
  // the head wait until nothing is reserved, one oversized batch at a time.
  ObjectPipelineOptions options;
  options.objects_in_flight = 4;
  options.memory_bytes = 4096;
  options.read_ahead_bytes = 0;
  PipelineRun run = ReadAll(12, 5, options, /*rows=*/1000);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(run.values, InOrder(12, 5));
  EXPECT_LE(run.stats.peak_memory_bytes, 8000u);
  // How many objects overlap depends on timing; never more than asked.
  EXPECT_GE(run.stats.peak_objects_in_flight, 1);
  EXPECT_LE(run.stats.peak_objects_in_flight, 4);
}

TEST(ObjectPipelineTest, PeakMemoryDoesNotGrowWithTheNumberOfObjects) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 4;
  options.memory_bytes = 64 << 10;
  options.read_ahead_bytes = 8 << 10;
  PipelineRun few = ReadAll(8, 20, options, /*rows=*/100);
  PipelineRun many = ReadAll(80, 20, options, /*rows=*/100);
  ASSERT_TRUE(few.status.ok() && many.status.ok());
  EXPECT_LE(few.stats.peak_memory_bytes, options.memory_bytes);
  EXPECT_LE(many.stats.peak_memory_bytes, options.memory_bytes);
  EXPECT_EQ(many.values, InOrder(80, 20));
}

// Each object in flight reserves its decoder's working set besides its read-ahead, so the
// budget limits how many objects other than the head are open at once.
TEST(ObjectPipelineTest, EachObjectInFlightReservesItsDecodersWorkingSet) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 6;
  options.memory_bytes = 100 << 10;
  options.read_ahead_bytes = 0;
  std::atomic<int> asked{0};
  options.decode_working_bytes = [&](size_t) {
    ++asked;
    return uint64_t{40} << 10;
  };
  PipelineRun run = ReadAll(20, 5, options, /*rows=*/10);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(run.values, InOrder(20, 5));
  EXPECT_EQ(asked.load(), 20);
  EXPECT_GE(run.stats.peak_memory_bytes, uint64_t{40} << 10);  // counted in the budget
  EXPECT_LE(run.stats.peak_memory_bytes, options.memory_bytes);
  EXPECT_LE(run.stats.peak_objects_in_flight, 3);  // the head, and two 40 KiB reservations
}

// What a source says it holds once open (a Parquet footer tells) is reserved beyond its
// read-ahead before it decodes: with 40 KiB each in a 100 KiB budget, at most the head and two
// others pull at once, and the peak counts them.
TEST(ObjectPipelineTest, EachOpenSourceReservesWhatItSaysItHolds) {
  class HoldingSource final : public ObjectBatchSource {
   public:
    HoldingSource(size_t object, std::atomic<int>* pulling, std::atomic<int>* most)
        : object_(object), pulling_(pulling), most_(most) {}
    uint64_t working_bytes() const override { return uint64_t{40} << 10; }
    Result<std::shared_ptr<columnar::RecordBatch>> Next() override {
      if (next_ == 0) {
        const int now = ++*pulling_;
        for (int m = most_->load(); now > m && !most_->compare_exchange_weak(m, now);) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      if (next_ == 3) {
        --*pulling_;
        return std::shared_ptr<columnar::RecordBatch>();
      }
      return MakeBatch(static_cast<int64_t>(object_) * 1000 + next_++, 10);
    }

   private:
    size_t object_;
    std::atomic<int>* pulling_;
    std::atomic<int>* most_;
    int next_ = 0;
  };
  ObjectPipelineOptions options;
  options.objects_in_flight = 6;
  options.memory_bytes = 100 << 10;
  options.read_ahead_bytes = 0;
  std::atomic<int> pulling{0}, most{0};
  std::vector<int64_t> values;
  ObjectPipelineStats stats;
  {
    ObjectPipeline pipeline(
        20, options,
        [&](size_t i) -> Result<std::unique_ptr<ObjectBatchSource>> {
          return std::unique_ptr<ObjectBatchSource>(new HoldingSource(i, &pulling, &most));
        },
        [](size_t, ObjectBatchSource*) {});
    while (true) {
      auto batch = pipeline.Next();
      ASSERT_TRUE(batch.ok()) << batch.status().ToString();
      if (!*batch) break;
      values.push_back(
          std::static_pointer_cast<columnar::Int64Array>((*batch)->column(0))->Value(0));
    }
    stats = pipeline.stats();
  }
  EXPECT_EQ(values, InOrder(20, 3));
  EXPECT_GE(stats.peak_memory_bytes, uint64_t{40} << 10);  // counted in the budget
  EXPECT_LE(stats.peak_memory_bytes, options.memory_bytes);
  EXPECT_LE(most.load(), 3);  // the head, and two 40 KiB reservations
}

// Opening waits on the network and takes no decode slot: every object in flight can be opening
// at once, even with one decode slot. Each open here waits (up to 10 s) until 4 are open.
TEST(ObjectPipelineTest, ObjectsOpenAtOnceWhateverTheDecodeSlots) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 4;
  options.decode_threads = 1;
  std::mutex mu;
  std::condition_variable cv;
  int opening = 0;
  int most = 0;
  {
    ObjectPipeline pipeline(
        8, options,
        [&](size_t i) -> Result<std::unique_ptr<ObjectBatchSource>> {
          std::unique_lock<std::mutex> lock(mu);
          most = std::max(most, ++opening);
          cv.notify_all();
          cv.wait_for(lock, std::chrono::seconds(10), [&] { return most >= 4; });
          --opening;
          return std::unique_ptr<ObjectBatchSource>(new FakeSource(i, 2, 10, -1, nullptr));
        },
        [](size_t, ObjectBatchSource*) {});
    int batches = 0;
    while (true) {
      auto batch = pipeline.Next();
      ASSERT_TRUE(batch.ok()) << batch.status().ToString();
      if (!*batch) break;
      ++batches;
    }
    EXPECT_EQ(batches, 16);
  }
  EXPECT_EQ(most, 4);
}

TEST(ObjectPipelineTest, AnErrorComesAfterTheRowsOfEarlierObjectsInObjectOrder) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 4;
  PipelineRun run = ReadAll(10, 3, options, 10, /*failing=*/6, /*fail_after=*/2);
  EXPECT_EQ(run.status.ToString(), "DataLoss: object 6 is bad");
  std::vector<int64_t> expected = InOrder(6, 3);
  expected.push_back(6000);
  expected.push_back(6001);
  EXPECT_EQ(run.values, expected);
  EXPECT_EQ(run.consumed.size(), 6u);
}

TEST(ObjectPipelineTest, UnorderedStopsAtTheFirstErrorSeen) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 3;
  options.unordered = true;
  PipelineRun run = ReadAll(10, 3, options, 10, /*failing=*/0, /*fail_after=*/0);
  EXPECT_EQ(run.status.ToString(), "DataLoss: object 0 is bad");
  for (int64_t v : run.values) EXPECT_GE(v, 1000) << "object 0 produced no batch";
  EXPECT_LT(run.consumed.size(), 10u);  // object 0 is never consumed
}

TEST(ObjectPipelineTest, AnOpenErrorIsTheObjectsError) {
  ObjectPipelineOptions options;
  options.objects_in_flight = 2;
  ObjectPipeline pipeline(
      3, options,
      [](size_t i) -> Result<std::unique_ptr<ObjectBatchSource>> {
        if (i == 1) return NotFoundError("object 1 is gone");
        return std::unique_ptr<ObjectBatchSource>(new FakeSource(i, 1, 1, -1, nullptr));
      },
      [](size_t, ObjectBatchSource*) {});
  auto first = pipeline.Next();
  ASSERT_TRUE(first.ok() && *first);
  auto second = pipeline.Next();
  EXPECT_EQ(second.status().ToString(), "NotFound: object 1 is gone");
  EXPECT_EQ(pipeline.Next().status().ToString(), "NotFound: object 1 is gone");
}

TEST(ObjectPipelineTest, DestroyingMidwayStopsTheReadersWithoutReadingEverything) {
  std::atomic<int> opened{0};
  {
    ObjectPipelineOptions options;
    options.objects_in_flight = 2;
    options.memory_bytes = 1;
    options.read_ahead_bytes = 0;
    ObjectPipeline pipeline(
        1000, options,
        [&](size_t i) -> Result<std::unique_ptr<ObjectBatchSource>> {
          opened.fetch_add(1);
          return std::unique_ptr<ObjectBatchSource>(new FakeSource(i, 50, 1000, -1, nullptr));
        },
        [](size_t, ObjectBatchSource*) {});
    auto batch = pipeline.Next();
    ASSERT_TRUE(batch.ok() && *batch);
  }
  EXPECT_LT(opened.load(), 1000);
}

TEST(ObjectPipelineTest, BatchBytesCountsEveryBuffer) {
  auto batch = MakeBatch(7, 100);
  EXPECT_EQ(columnar::BufferBytes(*batch) >= 800u, true);
  EXPECT_LT(columnar::BufferBytes(*batch), 800u + 64u);
}

}  // namespace
}  // namespace s3c::dataset
