// Parquet write throughput of s3c on one thread (bench/parquet_write_bench.sh runs it beside
// DuckDB's COPY ... TO on the same values).
//   parquet_write_bench ROWS OUT_DIR REPEAT
// Generates an 8-column table (int64, int32, float64, string, date32, timestamp[us], bool,
// int16) in memory once, with the values the script's DuckDB query computes from range(ROWS),
// then writes it with snappy and with zstd REPEAT times each. Prints one JSON line per run:
//   {"case":"snappy","tool":"s3c","threads":1,"seconds":..,"bytes_in":..,"file_bytes":..}
// bytes_in is the in-memory size of the values (fixed widths, string bytes; no offsets).
#include <fmt/format.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/formats/parquet/parquet_writer.h"
#include "s3c/io/local_file.h"

namespace {

using namespace s3c::columnar;  // NOLINT

std::shared_ptr<Schema> BenchSchema() {
  return MakeSchema({Field("id", Int64()), Field("a", Int32()), Field("b", Float64()),
                     Field("c", String()), Field("d", Date32()),
                     Field("e", Timestamp(TimeUnit::kMicro)), Field("f", Bool()),
                     Field("g", Int16())});
}

std::vector<std::shared_ptr<RecordBatch>> Generate(int64_t rows, int64_t* bytes_in) {
  auto schema = BenchSchema();
  std::vector<std::shared_ptr<RecordBatch>> out;
  const int64_t kBatch = 64 * 1024;
  *bytes_in = 0;
  for (int64_t start = 0; start < rows; start += kBatch) {
    int64_t n = std::min(kBatch, rows - start);
    Int64Builder id;
    Int32Builder a;
    Float64Builder b;
    StringBuilder c;
    Date32Builder d;
    TimestampBuilder e(Timestamp(TimeUnit::kMicro));
    BooleanBuilder f;
    Int16Builder g;
    char text[32];
    for (int64_t i = start; i < start + n; ++i) {
      id.Append(i);
      a.Append(static_cast<int32_t>((i * 7919) % 1000003));
      b.Append(static_cast<double>(i % 10007) * 1.25);
      int len = std::snprintf(text, sizeof(text), "str_%lld", static_cast<long long>(i % 50000));
      c.Append(std::string_view(text, static_cast<size_t>(len)));
      *bytes_in += len;
      d.Append(static_cast<int32_t>(i % 20000));
      e.Append(1600000000000000LL + i * 1000);
      f.Append(i % 3 == 0);
      g.Append(static_cast<int16_t>(i % 30000));
    }
    *bytes_in += n * (8 + 4 + 8 + 4 + 8 + 2) + (n + 7) / 8;
    out.push_back(*RecordBatch::Make(schema, {*id.Finish(), *a.Finish(), *b.Finish(), *c.Finish(),
                                              *d.Finish(), *e.Finish(), *f.Finish(), *g.Finish()}));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: parquet_write_bench ROWS OUT_DIR REPEAT\n");
    return 2;
  }
  int64_t rows = std::atoll(argv[1]);
  std::string dir = argv[2];
  int repeat = std::atoi(argv[3]);
  int64_t bytes_in = 0;
  auto batches = Generate(rows, &bytes_in);
  for (auto codec : {s3c::BlockCodec::kSnappy, s3c::BlockCodec::kZstd}) {
    for (int r = 0; r < repeat; ++r) {
      std::string path = fmt::format("{}/s3c-{}.parquet", dir, s3c::BlockCodecName(codec));
      auto t0 = std::chrono::steady_clock::now();
      auto out = s3c::OpenLocalOutput(path);
      if (!out.ok()) return 1;
      s3c::formats::parquet::ParquetWriteOptions o;
      o.codec = codec;
      auto w = s3c::formats::parquet::OpenParquetWriter(std::move(*out), BenchSchema(), o);
      if (!w.ok()) {
        std::fprintf(stderr, "%s\n", w.status().ToString().c_str());
        return 1;
      }
      for (const auto& b : batches) {
        s3c::Status st = (*w)->Write(*b);
        if (!st.ok()) {
          std::fprintf(stderr, "%s\n", st.ToString().c_str());
          return 1;
        }
      }
      s3c::Status st = (*w)->Close();
      if (!st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      struct stat sb {};
      stat(path.c_str(), &sb);
      std::printf(
          "{\"case\":\"%s\",\"tool\":\"s3c\",\"threads\":1,\"seconds\":%.4f,\"bytes_in\":%lld,"
          "\"file_bytes\":%lld}\n",
          s3c::BlockCodecName(codec), seconds, static_cast<long long>(bytes_in),
          static_cast<long long>(sb.st_size));
      std::fflush(stdout);
    }
  }
  return 0;
}
