// CSV reader throughput (Google Benchmark): a generated CSV read from memory into batches.
// Reported bytes are the CSV's bytes; rows/s is the "rows" counter.
//   csv_read_bench [--mb=200] [--write=PATH]   PATH receives the generated file (for DuckDB)
//   csv_read_bench --input=PATH                reads PATH instead of generating
// Columns: id int64, price float64 (some null), code short string, note long string (a quarter
// quoted with commas, doubled quotes and newlines), day date32, at timestamp, ok bool,
// qty int64 (some null).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "s3c/formats/csv/csv.h"
#include "s3c/io/local_file.h"

namespace {

size_t g_mb = 200;
std::string g_input;
std::string g_write;

std::string MakeCsv(size_t bytes) {
  std::mt19937_64 rng(7);
  static const char* kCodes[] = {"AB", "XYZ", "k9", "Q", "mno", "PPPP"};
  static const char* kWords[] = {"alpha", "beta", "gamma", "delta", "kappa", "omega", "sigma"};
  std::string s = "id,price,code,note,day,at,ok,qty\n";
  s.reserve(bytes + 512);
  char line[512];
  for (uint64_t id = 1; s.size() < bytes; ++id) {
    uint64_t r = rng();
    std::string note;
    int words = 2 + static_cast<int>(r % 9);
    for (int w = 0; w < words; ++w) {
      if (w > 0) note += ' ';
      note += kWords[(r >> (w * 3)) % 7];
    }
    switch ((r >> 40) % 8) {
      case 0:
        note = "\"" + note + ", with comma\"";
        break;
      case 1:
        note = "\"" + note + " \"\"quoted\"\" word\"";
        break;
      case 2:
        note = "\"" + note + "\nsecond line\"";
        break;
      default:
        break;
    }
    char price[32] = "";
    if ((r >> 20) % 16 != 0) {
      std::snprintf(price, sizeof(price), "%.2f", static_cast<double>((r >> 8) % 10000000) / 100);
    }
    char qty[24] = "";
    if ((r >> 24) % 10 != 0) std::snprintf(qty, sizeof(qty), "%d", static_cast<int>(r % 5000));
    int n =
        std::snprintf(line, sizeof(line),
                      "%llu,%s,%s,%s,2024-%02d-%02d,2024-%02d-%02d %02d:%02d:%02d.%03d,%s,%s\n",
                      static_cast<unsigned long long>(id), price, kCodes[(r >> 12) % 6],
                      note.c_str(), static_cast<int>(1 + r % 12),
                      static_cast<int>(1 + (r >> 5) % 28), static_cast<int>(1 + (r >> 9) % 12),
                      static_cast<int>(1 + (r >> 14) % 28), static_cast<int>((r >> 19) % 24),
                      static_cast<int>((r >> 27) % 60), static_cast<int>((r >> 33) % 60),
                      static_cast<int>((r >> 44) % 1000), (r >> 50) % 2 ? "true" : "false", qty);
    s.append(line, static_cast<size_t>(n));
  }
  return s;
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

const std::string& Csv() {
  static const std::string csv = [] {
    if (!g_input.empty()) {
      std::ifstream in(g_input, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
    return MakeCsv(g_mb << 20);
  }();
  return csv;
}

// Serves a string without copying it first (the reader's own copy is what is measured).
class ViewInput final : public s3c::InputStream {
 public:
  explicit ViewInput(const std::string& data) : data_(data) {}
  s3c::Result<size_t> Read(void* out, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  const std::string& data_;
  size_t pos_ = 0;
};

void BM_CsvRead(benchmark::State& state) {
  const std::string& data = Csv();
  int64_t rows = 0;
  const double cpu0 = ProcessCpuSeconds();
  for (auto _ : state) {
    s3c::formats::csv::CsvReadOptions o;
    o.threads = static_cast<int>(state.range(0));
    auto reader =
        s3c::formats::csv::OpenCsvReader(std::make_unique<ViewInput>(data), "bench.csv", o);
    if (!reader.ok()) {
      state.SkipWithError(reader.status().ToString().c_str());
      return;
    }
    rows = 0;
    while (true) {
      auto b = (*reader)->Next();
      if (!b.ok()) {
        state.SkipWithError(b.status().ToString().c_str());
        return;
      }
      if (*b == nullptr) break;
      rows += (*b)->num_rows();
    }
  }
  // CPU seconds of all threads per read (the machine may be shared: compare with wall time).
  state.counters["cpu_s"] = (ProcessCpuSeconds() - cpu0) / static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["rows"] = benchmark::Counter(static_cast<double>(rows) * state.iterations(),
                                              benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CsvRead)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--mb=", 5) == 0) g_mb = std::stoul(argv[i] + 5);
    if (std::strncmp(argv[i], "--input=", 8) == 0) g_input = argv[i] + 8;
    if (std::strncmp(argv[i], "--write=", 8) == 0) g_write = argv[i] + 8;
  }
  if (!g_write.empty()) {
    std::ofstream out(g_write, std::ios::binary);
    out << Csv();
    return out ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
