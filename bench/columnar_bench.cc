// Builder append and Take throughput of the columnar module (Google Benchmark). Reports items/s
// and bytes/s; compare runs on the same machine only (docs/architecture.md section 5). Take's
// peer is the same gather done value by value through a builder, measured in the same run.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/take.h"

namespace s3c::columnar {
namespace {

void BM_Int64BuilderAppend(benchmark::State& state) {
  const int64_t n = state.range(0);
  for (auto _ : state) {
    Int64Builder builder;
    for (int64_t i = 0; i < n; ++i) builder.Append(i);
    auto array = builder.Finish();
    benchmark::DoNotOptimize(array);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * n * 8);
}
BENCHMARK(BM_Int64BuilderAppend)->Arg(1 << 16)->Arg(1 << 20);

void BM_Int64BuilderAppendWithNulls(benchmark::State& state) {
  const int64_t n = state.range(0);
  for (auto _ : state) {
    Int64Builder builder;
    builder.Reserve(n);
    for (int64_t i = 0; i < n; ++i) {
      if (i % 16 == 0) {
        builder.AppendNull();
      } else {
        builder.UnsafeAppend(i);
      }
    }
    auto array = builder.Finish();
    benchmark::DoNotOptimize(array);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_Int64BuilderAppendWithNulls)->Arg(1 << 20);

void BM_Int64BuilderBulkAppend(benchmark::State& state) {
  const int64_t n = state.range(0);
  std::vector<int64_t> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) values[static_cast<size_t>(i)] = i;
  for (auto _ : state) {
    Int64Builder builder;
    builder.AppendValues(values);
    auto array = builder.Finish();
    benchmark::DoNotOptimize(array);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * n * 8);
}
BENCHMARK(BM_Int64BuilderBulkAppend)->Arg(1 << 20);

void BM_StringBuilderAppend(benchmark::State& state) {
  const int64_t n = state.range(0);
  std::vector<std::string> values;
  int64_t bytes = 0;
  for (int64_t i = 0; i < 1024; ++i) {
    values.push_back("value-" + std::to_string(i * 7919));
    bytes += static_cast<int64_t>(values.back().size());
  }
  for (auto _ : state) {
    StringBuilder builder;
    for (int64_t i = 0; i < n; ++i) builder.Append(values[static_cast<size_t>(i & 1023)]);
    auto array = builder.Finish();
    benchmark::DoNotOptimize(array);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * (n / 1024) * bytes);
}
BENCHMARK(BM_StringBuilderAppend)->Arg(1 << 16)->Arg(1 << 20);

constexpr int64_t kTakeRows = 1 << 20;

// A filter's selection vector: alternating kept and skipped runs of 1 .. 2 * mean_run rows
// (mean_run 0: every row kept or not at random, one in two).
std::vector<int64_t> FilterSelection(int64_t rows, int64_t mean_run) {
  std::mt19937_64 rng(42);
  std::vector<int64_t> indices;
  int64_t i = 0;
  bool keep = true;
  while (i < rows) {
    const int64_t run = mean_run == 0 ? 1 : 1 + static_cast<int64_t>(rng() % (2 * mean_run));
    const bool kept = mean_run == 0 ? (rng() & 1) != 0 : keep;
    for (int64_t k = 0; k < run && i < rows; ++k, ++i) {
      if (kept) indices.push_back(i);
    }
    keep = !keep;
  }
  return indices;
}

std::shared_ptr<Array> Int64Column(int64_t rows) {
  Int64Builder builder;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 16 == 0) {
      builder.AppendNull();
    } else {
      builder.Append(i);
    }
  }
  return *builder.Finish();
}

// Arg: mean run length of the selection (0 = rows kept at random).
void BM_TakeInt64Filter(benchmark::State& state) {
  auto column = Int64Column(kTakeRows);
  const auto indices = FilterSelection(kTakeRows, state.range(0));
  for (auto _ : state) {
    auto taken = Take(*column, indices);
    benchmark::DoNotOptimize(taken);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(indices.size()));
}
BENCHMARK(BM_TakeInt64Filter)->Arg(0)->Arg(4)->Arg(64)->Arg(1024);

// The peer: the same selection gathered value by value through a builder.
void BM_BuilderGatherInt64Filter(benchmark::State& state) {
  auto column = Int64Column(kTakeRows);
  const auto& values = static_cast<const Int64Array&>(*column);
  const auto indices = FilterSelection(kTakeRows, state.range(0));
  for (auto _ : state) {
    Int64Builder builder;
    builder.Reserve(static_cast<int64_t>(indices.size()));
    for (int64_t i : indices) {
      if (values.IsNull(i)) {
        builder.AppendNull();
      } else {
        builder.UnsafeAppend(values.Value(i));
      }
    }
    auto taken = builder.Finish();
    benchmark::DoNotOptimize(taken);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(indices.size()));
}
BENCHMARK(BM_BuilderGatherInt64Filter)->Arg(0)->Arg(4)->Arg(64)->Arg(1024);

void BM_TakeInt64AnyOrder(benchmark::State& state) {
  auto column = Int64Column(kTakeRows);
  std::mt19937_64 rng(7);
  std::vector<int64_t> indices(static_cast<size_t>(kTakeRows));
  for (int64_t& i : indices) i = static_cast<int64_t>(rng() % kTakeRows);
  for (auto _ : state) {
    auto taken = Take(*column, indices);
    benchmark::DoNotOptimize(taken);
  }
  state.SetItemsProcessed(state.iterations() * kTakeRows);
}
BENCHMARK(BM_TakeInt64AnyOrder);

void BM_TakeStringFilter(benchmark::State& state) {
  StringBuilder builder;
  for (int64_t i = 0; i < kTakeRows; ++i) builder.Append("value-" + std::to_string(i * 7919));
  auto column = *builder.Finish();
  const auto indices = FilterSelection(kTakeRows, state.range(0));
  for (auto _ : state) {
    auto taken = Take(*column, indices);
    benchmark::DoNotOptimize(taken);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(indices.size()));
}
BENCHMARK(BM_TakeStringFilter)->Arg(0)->Arg(64);

void BM_BuilderGatherStringFilter(benchmark::State& state) {
  StringBuilder source;
  for (int64_t i = 0; i < kTakeRows; ++i) source.Append("value-" + std::to_string(i * 7919));
  auto column = *source.Finish();
  const auto& strings = static_cast<const StringArray&>(*column);
  const auto indices = FilterSelection(kTakeRows, state.range(0));
  for (auto _ : state) {
    StringBuilder builder;
    for (int64_t i : indices) builder.Append(strings.GetView(i));
    auto taken = builder.Finish();
    benchmark::DoNotOptimize(taken);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(indices.size()));
}
BENCHMARK(BM_BuilderGatherStringFilter)->Arg(0)->Arg(64);

}  // namespace
}  // namespace s3c::columnar

BENCHMARK_MAIN();
