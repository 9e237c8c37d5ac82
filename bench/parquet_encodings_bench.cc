// Decode throughput of the Parquet encodings (src/formats/parquet/encodings.h): RLE/bit-packed
// hybrid at widths 1, 8 and 17, dictionary indices, DELTA_BINARY_PACKED int64 and PLAIN byte
// arrays. Items are decoded values.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

constexpr size_t kValues = 1 << 20;

void BM_RleBitPackedDecode(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  const bool runs = state.range(1) != 0;  // 0: random values (bit-packed), 1: runs of 1..64
  std::mt19937 rng(1);
  const uint32_t mask = width == 32 ? ~0u : (1u << width) - 1;
  std::vector<uint32_t> values(kValues);
  for (size_t i = 0; i < kValues;) {
    const uint32_t v = rng() & mask;
    const size_t len = runs ? 1 + rng() % 64 : 1;
    for (size_t k = 0; k < len && i < kValues; ++k) values[i++] = v;
  }
  RleBitPackedEncoder encoder(width);
  encoder.PutMany(values.data(), values.size());
  const std::string encoded = encoder.Finish();
  std::vector<uint32_t> out(kValues);
  for (auto _ : state) {
    RleBitPackedDecoder decoder(encoded, width);
    auto got = decoder.Decode(out.data(), kValues);
    if (!got.ok() || *got != kValues) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kValues));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * encoded.size()));
}
BENCHMARK(BM_RleBitPackedDecode)->ArgsProduct({{1, 8, 17}, {0, 1}});

void BM_DictionaryIndicesDecode(benchmark::State& state) {
  const uint32_t dict_size = static_cast<uint32_t>(state.range(0));
  std::mt19937 rng(2);
  std::vector<uint32_t> idx(kValues);
  for (auto& x : idx) x = rng() % dict_size;
  const std::string encoded = EncodeDictionaryIndices(idx.data(), kValues, dict_size);
  std::vector<uint32_t> out(kValues);
  for (auto _ : state) {
    Status s = DecodeDictionaryIndices(encoded, kValues, dict_size, out.data());
    if (!s.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kValues));
}
BENCHMARK(BM_DictionaryIndicesDecode)->Arg(1000)->Arg(50000);

void BM_DeltaBinaryPackedDecodeInt64(benchmark::State& state) {
  std::mt19937_64 rng(3);
  std::vector<int64_t> values(kValues);
  int64_t t = 1700000000000000;  // microsecond timestamps with jittered steps
  for (auto& v : values) v = t += 1000 + static_cast<int64_t>(rng() % 4096);
  const std::string encoded = EncodeDeltaBinaryPacked64(values.data(), values.size());
  std::vector<int64_t> out;
  for (auto _ : state) {
    auto used = DecodeDeltaBinaryPacked(encoded, kValues, &out);
    if (!used.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kValues));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kValues * 8));
}
BENCHMARK(BM_DeltaBinaryPackedDecodeInt64);

void BM_PlainByteArrayDecode(benchmark::State& state) {
  const size_t n = kValues / 8;
  std::mt19937 rng(4);
  ByteArrayValues values;
  for (size_t i = 0; i < n; ++i) values.Append(std::string(rng() % 33, 'x'));
  const std::string encoded = EncodePlainByteArray(values);
  ByteArrayValues out;
  for (auto _ : state) {
    out.Clear();
    auto used = DecodePlainByteArray(encoded, n, &out);
    if (!used.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * encoded.size()));
}
BENCHMARK(BM_PlainByteArrayDecode);

}  // namespace
}  // namespace s3c::formats::parquet

BENCHMARK_MAIN();
