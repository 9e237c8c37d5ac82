// Driver for bench/parquet_read_bench.sh: reads a Parquet file (local, or an S3 object through
// S3ObjectStore::OpenRandomAccess) on one thread, decoding every batch of the chosen columns,
// and prints one JSON object: rows, seconds, reads, bytes fetched, projected chunk bytes.
//
//   parquet_read_bench local FILE [COLUMNS]
//   parquet_read_bench s3 ENV_FILE KEY [COLUMNS]     (ENV_FILE as tests/support/rgw.sh writes)
// COLUMNS: comma-separated top-level names; absent or "*" = all.
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/common/secret.h"
#include "s3c/common/strings.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/io/local_file.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_stack.h"
#include "s3c/store/s3_object_store.h"

namespace {

using namespace s3c;

std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

int Fail(const Status& st) {
  std::fprintf(stderr, "parquet_read_bench: %s\n", st.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s local FILE [COLUMNS] | s3 ENV_FILE KEY [COLUMNS]\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const bool s3 = mode == "s3";
  const int columns_arg = s3 ? 4 : 3;
  formats::parquet::ParquetReadOptions options;
  if (argc > columns_arg && std::string(argv[columns_arg]) != "*") {
    options.columns = Split(argv[columns_arg], ',');
  }

  RequestStats stats;
  // No config files and no metadata service: the keys come from ENV_FILE only.
  const MapEnv no_aws_env({{"AWS_CONFIG_FILE", "/nonexistent/config"},
                           {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"},
                           {"AWS_EC2_METADATA_DISABLED", "true"}});
  std::unique_ptr<S3Stack> stack;
  std::unique_ptr<S3ObjectStore> store;
  std::shared_ptr<RandomAccessFile> file;
  const MonoTime start = SystemClock::Instance().MonotonicNow();
  if (s3) {
    if (argc < 4) return 2;
    auto env = ReadEnvFile(argv[2]);
    S3StackOptions sopts;
    sopts.access_key_id = env["AWS_ACCESS_KEY_ID"];
    sopts.secret_access_key = SecretString(env["AWS_SECRET_ACCESS_KEY"]);
    sopts.region = env.count("AWS_DEFAULT_REGION") ? env["AWS_DEFAULT_REGION"] : "us-east-1";
    sopts.endpoint_url = env["S3_ENDPOINT"];
    sopts.url_style = "path";
    auto made = S3Stack::Make(sopts, no_aws_env, &stats);
    if (!made.ok()) return Fail(made.status());
    stack = std::move(*made);
    auto client = stack->client();
    if (!client.ok()) return Fail(client.status());
    auto st = S3ObjectStore::Make(*client, env["S3_BUCKET"]);
    if (!st.ok()) return Fail(st.status());
    store = std::move(*st);
    auto listed = store->ListAll(ListOptions{argv[3], "", "", 1});
    if (!listed.ok()) return Fail(listed.status());
    if (listed->empty()) return Fail(NotFoundError(std::string("no object ") + argv[3]));
    auto f = store->OpenRandomAccess(argv[3], (*listed)[0]);
    if (!f.ok()) return Fail(f.status());
    file = std::move(*f);
    options.object_name = store->UriFor(argv[3]);
  } else {
    auto f = OpenLocalRandomAccess(argv[2]);
    if (!f.ok()) return Fail(f.status());
    file = std::move(*f);
    options.object_name = argv[2];
  }
  auto size = file->Size();
  if (!size.ok()) return Fail(size.status());
  auto reader = formats::parquet::ParquetFileReader::Open(file, options);
  if (!reader.ok()) return Fail(reader.status());
  auto batches = (*reader)->ReadBatches();
  if (!batches.ok()) return Fail(batches.status());
  int64_t rows = 0;
  for (;;) {
    auto b = (*batches)->Next();
    if (!b.ok()) return Fail(b.status());
    if (*b == nullptr) break;
    rows += (*b)->num_rows();
  }
  const double seconds =
      std::chrono::duration<double>(SystemClock::Instance().MonotonicNow() - start).count();
  const auto rs = (*reader)->stats();
  std::printf(
      "{\"mode\": \"%s\", \"columns\": %zu, \"rows\": %lld, \"seconds\": %.3f, \"reads\": %lld, "
      "\"bytes_read\": %lld, \"projected_chunk_bytes\": %lld, \"file_bytes\": %llu, "
      "\"get_requests\": %llu}\n",
      mode.c_str(), (*reader)->schema()->fields().size(), static_cast<long long>(rows), seconds,
      static_cast<long long>(rs.reads), static_cast<long long>(rs.bytes_read),
      static_cast<long long>(rs.projected_chunk_bytes), static_cast<unsigned long long>(*size),
      static_cast<unsigned long long>(stats.Snapshot().requests["GetObject"]));
  return 0;
}
