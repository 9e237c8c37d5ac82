// Builder append throughput of the columnar module (Google Benchmark). Reports items/s and
// bytes/s; compare runs on the same machine only (docs/architecture.md section 5).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"

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

}  // namespace
}  // namespace s3c::columnar

BENCHMARK_MAIN();
