// Options every s3c command accepts (before or after the command name).
#pragma once

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace s3c::cli {

struct GlobalOptions {
  std::string endpoint_url;   // --endpoint-url
  std::string region;         // --region
  std::string profile;        // --profile
  bool no_sign_request = false;
  std::string url_style = "auto";  // path | virtual | auto
  int concurrency = 16;
  std::string part_size;      // e.g. "8MiB"; "" = default
  int max_attempts = 0;       // 0 = config / default (3)
  std::string stats_file;     // --stats FILE
  std::string checksum;       // md5 | crc32c | when_required; "" = md5
  bool no_verify_ssl = false;
  int verbose = 0;
  bool quiet = false;
};

void AddGlobalOptions(CLI::App& app, GlobalOptions& options);

}  // namespace s3c::cli
