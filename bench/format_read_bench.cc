// Format read throughput driver for bench/formats_bench.sh (s3c beside DuckDB in the same run).
//
//   format_read_bench generate-csv PATH MB     8 mixed columns, seeded, ~MB megabytes
//   format_read_bench generate-jsonl PATH MB   the same rows as JSON Lines objects
//   format_read_bench read-csv PATH THREADS REPEAT
//   format_read_bench read-jsonl PATH THREADS REPEAT
//   format_read_bench gunzip PATH REPEAT       inflate through the codec module, discard output
//
// Reads print one JSON line per run: {"case","tool":"s3c","threads","seconds","input_bytes",
// "output_bytes","rows","schema"}; every batch is fully materialised (the readers build arrays).
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "s3c/codec/codec.h"
#include "s3c/common/clock.h"
#include "s3c/common/json_escape.h"
#include "s3c/formats/csv/csv.h"
#include "s3c/formats/json/json_reader.h"
#include "s3c/io/local_file.h"

namespace {

using s3c::Result;
using s3c::Status;

const char* const kWords[] = {
    "alpha", "beta", "gamma", "delta", "kappa", "omega", "sigma", "zeta", "\xc3\xa9t\xc3\xa9",
    "north"};

// One generated row: id, qty, price, name, day, at, ok, note.
struct Row {
  int64_t id;
  int64_t qty;
  double price;
  std::string name;
  std::string day;
  std::string at;
  bool ok;
  std::string note;
};

Row MakeRow(std::mt19937_64& rng, int64_t id) {
  uint64_t r = rng();
  Row row;
  row.id = id;
  row.qty = static_cast<int64_t>(r % 20001) - 10000;
  row.price = static_cast<double>(rng() % 10000000) / 100.0;
  row.name = kWords[r % 10];
  row.name += (r >> 8) % 4 == 0 ? ", inc" : "";
  int64_t day = static_cast<int64_t>((r >> 12) % 20000);
  int y = 1990 + static_cast<int>(day / 365 % 50);
  int m = 1 + static_cast<int>(day % 12);
  int d = 1 + static_cast<int>(day % 28);
  row.day = fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
  row.at = fmt::format("{}T{:02d}:{:02d}:{:02d}.{:06d}", row.day, (r >> 20) % 24, (r >> 25) % 60,
                       (r >> 31) % 60, (r >> 37) % 1000000);
  row.ok = (r >> 57) % 2 == 0;
  int words = 3 + static_cast<int>((r >> 59) % 10);
  for (int w = 0; w < words; ++w) row.note += (w ? " " : "") + std::string(kWords[(r >> w) % 10]);
  if ((r >> 3) % 8 == 0) row.note += " \"quoted\"";
  return row;
}

std::string CsvQuote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int Generate(const std::string& path, bool csv, int64_t mb) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 1;
  std::mt19937_64 rng(20261124);
  const int64_t target = mb * 1000 * 1000;
  int64_t written = 0;
  std::string buf;
  if (csv) buf = "id,qty,price,name,day,at,ok,note\n";
  for (int64_t id = 1; written + static_cast<int64_t>(buf.size()) < target; ++id) {
    Row r = MakeRow(rng, id);
    if (csv) {
      buf += fmt::format("{},{},{:.2f},{},{},{},{},{}\n", r.id, r.qty, r.price, CsvQuote(r.name),
                         r.day, r.at, r.ok ? "true" : "false", CsvQuote(r.note));
    } else {
      buf += fmt::format(
          "{{\"id\":{},\"qty\":{},\"price\":{:.2f},\"name\":{},\"day\":\"{}\","
          "\"at\":\"{}\",\"ok\":{},\"note\":{}}}\n",
          r.id, r.qty, r.price, s3c::JsonQuote(r.name), r.day, r.at, r.ok ? "true" : "false",
          s3c::JsonQuote(r.note));
    }
    if (buf.size() > (1 << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      written += static_cast<int64_t>(buf.size());
      buf.clear();
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  return std::fclose(f) == 0 ? 0 : 1;
}

struct Run {
  int64_t rows = 0;
  int64_t output_bytes = 0;
  std::string schema;
};

Result<Run> ReadBatches(s3c::formats::BatchReader& reader) {
  Run run;
  run.schema = reader.schema()->ToString();
  while (true) {
    S3C_ASSIGN_OR_RETURN(auto batch, reader.Next());
    if (batch == nullptr) return run;
    run.rows += batch->num_rows();
  }
}

Result<Run> ReadOnce(const std::string& mode, const std::string& path, int threads) {
  S3C_ASSIGN_OR_RETURN(auto input, s3c::OpenLocalInput(path));
  if (mode == "read-csv") {
    s3c::formats::csv::CsvReadOptions o;
    o.threads = threads;
    S3C_ASSIGN_OR_RETURN(auto reader, s3c::formats::csv::OpenCsvReader(std::move(input), path, o));
    return ReadBatches(*reader);
  }
  if (mode == "read-jsonl") {
    s3c::formats::JsonReadOptions o;
    o.object_name = path;
    o.format = s3c::formats::JsonFormat::kJsonLines;
    o.threads = threads;
    S3C_ASSIGN_OR_RETURN(auto reader, s3c::formats::OpenJsonReader(std::move(input), o));
    return ReadBatches(*reader);
  }
  S3C_ASSIGN_OR_RETURN(auto inflate,
                       s3c::OpenDecompressor(std::move(input), s3c::Codec::kGzip, {.name = path}));
  std::vector<char> buf(1 << 20);
  Run run;
  while (true) {
    S3C_ASSIGN_OR_RETURN(size_t n, inflate->Read(buf.data(), buf.size()));
    if (n == 0) return run;
    run.output_bytes += static_cast<int64_t>(n);
  }
}

int64_t FileSize(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return -1;
  std::fseek(f, 0, SEEK_END);
  int64_t size = std::ftell(f);
  std::fclose(f);
  return size;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && (args[0] == "generate-csv" || args[0] == "generate-jsonl")) {
    return Generate(args[1], args[0] == "generate-csv", std::atoll(args[2].c_str()));
  }
  bool read = args.size() == 4 && (args[0] == "read-csv" || args[0] == "read-jsonl");
  bool other = args.size() == 3 && args[0] == "gunzip";
  if (!read && !other) {
    std::fprintf(stderr, "usage: see the comment at the top of bench/format_read_bench.cc\n");
    return 2;
  }
  int threads = read ? std::atoi(args[2].c_str()) : 1;
  int repeat = std::atoi(args.back().c_str());
  const std::string case_name = args[0] == "read-csv"     ? "csv"
                                : args[0] == "read-jsonl" ? "jsonl"
                                                          : "gunzip";
  const s3c::Clock& clock = s3c::SystemClock::Instance();
  for (int i = 0; i < repeat; ++i) {
    auto start = clock.MonotonicNow();
    Result<Run> run = ReadOnce(args[0], args[1], threads);
    double seconds = std::chrono::duration<double>(clock.MonotonicNow() - start).count();
    if (!run.ok()) {
      std::fprintf(stderr, "%s\n", run.status().ToString().c_str());
      return 1;
    }
    std::printf("%s\n", fmt::format("{{\"case\":\"{}\",\"tool\":\"s3c\",\"threads\":{},"
                                    "\"seconds\":{:.4f},\"input_bytes\":{},\"output_bytes\":{},"
                                    "\"rows\":{},\"schema\":{}}}",
                                    case_name, threads, seconds, FileSize(args[1]),
                                    run->output_bytes, run->rows, s3c::JsonQuote(run->schema))
                            .c_str());
    std::fflush(stdout);
  }
  return 0;
}
