#include "global_options.h"

#include <CLI/CLI.hpp>

namespace s3c::cli {

void AddGlobalOptions(CLI::App& app, GlobalOptions& o) {
  const char* kGroup = "Global options";
  app.add_option("--endpoint-url", o.endpoint_url,
                 "S3 endpoint (e.g. http://127.0.0.1:7480); default AWS_ENDPOINT_URL_S3, "
                 "AWS_ENDPOINT_URL, the profile, or AWS")
      ->group(kGroup);
  app.add_option("--region", o.region, "Region (default AWS_REGION, the profile, us-east-1)")
      ->group(kGroup);
  app.add_option("--profile", o.profile, "Profile from ~/.aws/config and ~/.aws/credentials")
      ->group(kGroup);
  app.add_flag("--no-sign-request", o.no_sign_request, "Send anonymous requests (public buckets)")
      ->group(kGroup);
  app.add_option("--url-style", o.url_style, "Bucket addressing: path, virtual or auto")
      ->check(CLI::IsMember({"path", "virtual", "auto"}))
      ->group(kGroup);
  app.add_option("--concurrency", o.concurrency, "Requests in flight per transfer (default 16)")
      ->check(CLI::Range(1, 256))
      ->group(kGroup);
  app.add_option("--part-size", o.part_size, "Multipart part size, e.g. 8MiB (min 5MiB)")
      ->group(kGroup);
  app.add_option("--max-attempts", o.max_attempts, "Attempts per request, retries included")
      ->check(CLI::Range(1, 100))
      ->group(kGroup);
  app.add_option("--checksum", o.checksum,
                 "Upload integrity: md5 (default), crc32c, or when_required")
      ->check(CLI::IsMember({"md5", "crc32c", "when_required"}))
      ->group(kGroup);
  app.add_flag("--no-verify-ssl", o.no_verify_ssl, "Do not verify TLS certificates (unsafe)")
      ->group(kGroup);
  app.add_option("--stats", o.stats_file,
                 "Write request counts, bytes and timing as JSON to FILE")
      ->group(kGroup);
  app.add_flag("-v,--verbose", o.verbose, "More logging (repeat for debug)")->group(kGroup);
  app.add_flag("-q,--quiet", o.quiet, "Only errors; no progress bar")->group(kGroup);
}

}  // namespace s3c::cli
