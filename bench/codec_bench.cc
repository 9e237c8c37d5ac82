// Codec throughput (Google Benchmark). Reported rates are uncompressed bytes per second.
//   codec_bench --write_gzip=PATH [--mb=100]   writes the generated CSV-like file, gzipped
//   codec_bench --input=PATH.gz                adds BM_GzipInflateFile over that file
// bench/gzip_vs_igzip.sh compares BM_GzipInflateFile with `igzip -d` on the same file.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "s3c/codec/codec.h"
#include "s3c/io/local_file.h"

namespace {

std::string g_input;

s3c::CompressOptions Level6() {
  s3c::CompressOptions o;
  o.level = 6;  // what `gzip` uses by default
  return o;
}

std::string MakeCsv(size_t bytes) {
  std::mt19937_64 rng(42);
  std::string s;
  s.reserve(bytes + 128);
  char line[160];
  static const char* kCities[] = {"Berlin", "Lisbon", "Osaka", "Quito", "Nairobi", "Perth"};
  for (uint64_t id = 1; s.size() < bytes; ++id) {
    uint64_t r = rng();
    int n = std::snprintf(line, sizeof(line), "%llu,%s,2024-%02d-%02dT%02d:%02d:%02dZ,%.2f,%llu\n",
                          static_cast<unsigned long long>(id), kCities[r % 6],
                          static_cast<int>(1 + r % 12), static_cast<int>(1 + (r >> 8) % 28),
                          static_cast<int>((r >> 16) % 24), static_cast<int>((r >> 24) % 60),
                          static_cast<int>((r >> 32) % 60),
                          static_cast<double>((r >> 40) % 1000000) / 100.0,
                          static_cast<unsigned long long>(rng() % 1000000007));
    s.append(line, n);
  }
  return s;
}

const std::string& Csv() {
  static const std::string csv = MakeCsv(32u << 20);
  return csv;
}

const std::string& Gzipped() {
  static const std::string z = s3c::Compress(s3c::Codec::kGzip, Csv(), Level6()).value();
  return z;
}

void InflateMemory(benchmark::State& state, bool use_zlib) {
  std::string buf(1 << 20, '\0');
  s3c::DecompressOptions options;
  options.use_zlib = use_zlib;
  for (auto _ : state) {
    auto in = s3c::OpenDecompressor(s3c::MakeStringInput(Gzipped()), s3c::Codec::kGzip, options);
    size_t total = 0;
    while (true) {
      size_t got = (*in)->Read(buf.data(), buf.size()).value();
      if (got == 0) break;
      total += got;
    }
    if (total != Csv().size()) state.SkipWithError("short output");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Csv().size()));
}

void BM_GzipInflateIsal(benchmark::State& state) { InflateMemory(state, false); }
void BM_GzipInflateZlib(benchmark::State& state) { InflateMemory(state, true); }
BENCHMARK(BM_GzipInflateIsal)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GzipInflateZlib)->Unit(benchmark::kMillisecond);

void BM_GzipInflateFile(benchmark::State& state) {
  std::string buf(1 << 20, '\0');
  uint64_t total = 0;
  for (auto _ : state) {
    auto file = s3c::OpenLocalInput(g_input);
    if (!file.ok()) {
      state.SkipWithError(file.status().ToString().c_str());
      return;
    }
    auto in = s3c::OpenDecompressor(std::move(*file), s3c::Codec::kGzip, {.name = g_input});
    total = 0;
    while (true) {
      auto got = (*in)->Read(buf.data(), buf.size());
      if (!got.ok()) {
        state.SkipWithError(got.status().ToString().c_str());
        return;
      }
      if (*got == 0) break;
      total += *got;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total));
}

void BM_Compress(benchmark::State& state, s3c::Codec codec, bool decompress) {
  const std::string& data = Csv();
  std::string z = s3c::Compress(codec, data).value();
  for (auto _ : state) {
    if (decompress) {
      benchmark::DoNotOptimize(s3c::Decompress(codec, z).value().size());
    } else {
      benchmark::DoNotOptimize(s3c::Compress(codec, data).value().size());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["ratio"] = static_cast<double>(data.size()) / static_cast<double>(z.size());
}

BENCHMARK_CAPTURE(BM_Compress, gzip_deflate_isal1, s3c::Codec::kGzip, false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compress, zstd_inflate, s3c::Codec::kZstd, true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compress, lz4_inflate, s3c::Codec::kLz4, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compress, snappy_inflate, s3c::Codec::kSnappy, true)
    ->Unit(benchmark::kMillisecond);

int WriteGzip(const std::string& path, size_t mb) {
  std::string csv = MakeCsv(mb << 20);
  auto out = s3c::OpenLocalOutput(path);
  if (!out.ok()) return std::fprintf(stderr, "%s\n", out.status().ToString().c_str()), 1;
  auto gz = s3c::OpenCompressor(std::move(*out), s3c::Codec::kGzip, Level6());
  s3c::Status s = (*gz)->Write(csv);
  if (s.ok()) s = (*gz)->Close();
  if (!s.ok()) return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  std::printf("wrote %s: %zu bytes of CSV\n", path.c_str(), csv.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  size_t mb = 100;
  std::string write_path;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--write_gzip=", 0) == 0) {
      write_path = a.substr(13);
    } else if (a.rfind("--mb=", 0) == 0) {
      mb = std::stoul(a.substr(5));
    } else if (a.rfind("--input=", 0) == 0) {
      g_input = a.substr(8);
    } else {
      argv[kept++] = argv[i];
    }
  }
  if (!write_path.empty()) return WriteGzip(write_path, mb);
  if (!g_input.empty()) {
    benchmark::RegisterBenchmark("BM_GzipInflateFile", BM_GzipInflateFile)
        ->Unit(benchmark::kMillisecond);
  }
  argc = kept;
  Gzipped();  // build the shared inputs before any timing
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
