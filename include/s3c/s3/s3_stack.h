// The one assembly of an S3 client from plain settings: the AWS config files and environment
// (profile, region, endpoint, addressing style, max attempts, CA bundle), the libcurl HTTP
// client, the default credentials chain (or anonymous or explicit static credentials) and the
// S3Client over them. Callers (the CLI, pipelines) map their own options to S3StackOptions and
// never name `auth` or `http`.
//
// Ownership: the stack owns the credentials provider and the S3Client, and the HTTP client
// unless one is injected (S3StackOptions::http, shared); the client and provider it hands out
// live as long as the stack. `env` and `stats` are not owned and must outlive it.
// Laziness: Make() reads only the config files (so a bad explicit profile fails at once);
// the HTTP client, the credentials chain and the S3Client are made on the first client() call,
// so a caller that never talks to S3 never needs credentials. Credentials themselves are
// fetched by the client on its first signed request.
// Thread-safety: client() and credentials() may be called from any thread; the S3Client is
// thread-safe as documented in s3_client.h.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "s3c/common/env.h"
#include "s3c/common/secret.h"
#include "s3c/common/status.h"

namespace s3c {

class AwsConfig;
class CredentialsProvider;
class HttpClient;
class RequestStats;
class S3Client;

struct S3StackOptions {
  std::string endpoint_url;      // "" = from the environment / config files, else AWS
  std::string region;            // "" = from the environment / config files, else us-east-1
  std::string profile;           // "" = $AWS_PROFILE, then "default"
  bool no_sign_request = false;  // anonymous, unsigned requests
  // "path", "virtual" or "auto" ("" = auto), spelled as in the config files' s3.addressing_style.
  // "auto" takes the profile's s3.addressing_style when it has one. Virtual style with an
  // endpoint whose host is an IP address is InvalidArgument (client()).
  std::string url_style = "auto";
  size_t concurrency = 16;  // parts / ranges in flight per transfer; sizes the connection pool
  int max_attempts = 0;     // 0 = AWS_MAX_ATTEMPTS / profile max_attempts, else 3
  std::string checksum;     // "md5" ("" too), "crc32c" or "when_required"
  uint64_t part_size = 0;   // multipart part size and threshold; 0 = the client's default
  bool verify_tls = true;
  // Explicit keys (a pipeline source's own keys, a test server's): when either key is set they
  // are used instead of the default credentials chain, which is then never consulted
  // (no environment, profile or metadata service lookup). Only one of the pair set is
  // InvalidArgument on the first signed request. Ignored under no_sign_request.
  std::string access_key_id;
  SecretString secret_access_key;
  SecretString session_token;  // for temporary keys; empty for long-term ones
  // A role to assume (STS AssumeRole) with the credentials above (the explicit keys, else the
  // default chain): its temporary credentials sign every request, refreshed before they
  // expire. "" = none. external_id is passed when not empty. Ignored under no_sign_request.
  std::string role_arn;
  std::string external_id;

  // The transport. Null (the default) = the stack makes its own libcurl client, sized by
  // `concurrency` and configured by verify_tls and the CA bundle. When set, the stack uses it
  // as it is (those three settings then do not reach it) for the S3 client and the credentials
  // chain, and keeps a share of it, so it lives at least as long as the stack. An HttpClient is
  // thread-safe (http_client.h), so one may serve many stacks at once: tests share one among
  // their clients, or inject a transport of their own.
  std::shared_ptr<HttpClient> http;
  // Client knobs that only tests set (nothing in the CLI or pipelines maps to them); 0 = the
  // S3 client's default (s3_client.h).
  // Cap of one retry's backoff (default 20 s): fault tests shorten it to stay quick.
  std::chrono::milliseconds max_backoff{0};
  // Above this size CopyObject runs a multipart copy (default 5 GiB, S3's single-copy limit):
  // tests lower it to exercise multipart copies with small objects.
  uint64_t max_single_copy_size = 0;
  // Keys per DeleteObjects request (default 1000, S3's maximum): tests lower it to make
  // several batches of a few keys.
  size_t delete_batch_size = 0;
};

class S3Stack {
 public:
  // Reads the config files: InvalidArgument for an explicit profile that exists nowhere.
  // `stats` may be null.
  static Result<std::unique_ptr<S3Stack>> Make(const S3StackOptions& options, const Env& env,
                                               RequestStats* stats);
  ~S3Stack();
  S3Stack(const S3Stack&) = delete;
  S3Stack& operator=(const S3Stack&) = delete;

  // The client, made on the first call. InvalidArgument for an unknown URL style (from the
  // profile), virtual style on an IP endpoint, or a bad max_attempts in the environment or
  // profile; a failed call makes nothing and the next call tries again.
  Result<S3Client*> client();
  // The credentials provider behind client(); null until client() succeeded.
  CredentialsProvider* credentials();

 private:
  S3Stack(S3StackOptions options, const Env& env, std::unique_ptr<AwsConfig> config,
          RequestStats* stats);
  // Static keys when the options give them, else the default chain (anonymous when unsigned).
  std::unique_ptr<CredentialsProvider> MakeCredentials(HttpClient* http) const;

  const S3StackOptions options_;
  const Env& env_;
  const std::unique_ptr<AwsConfig> config_;
  RequestStats* const stats_;

  std::mutex mu_;
  std::shared_ptr<HttpClient> http_;  // made by client() or injected
  std::unique_ptr<CredentialsProvider> credentials_;
  std::unique_ptr<S3Client> client_;
};

}  // namespace s3c
