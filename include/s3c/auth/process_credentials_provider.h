// credential_process: runs a command through /bin/sh and reads credentials from its stdout.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
// Output: {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}.
// The command's stderr goes to ours (so it can prompt or explain); stdin is inherited.
#pragma once

#include <string>

#include "s3c/auth/credentials.h"

namespace s3c {

class ProcessCredentialsProvider final : public CredentialsProvider {
 public:
  // `name` (e.g. "profile 'dev'") prefixes error messages.
  ProcessCredentialsProvider(std::string command, std::string name);
  // Unauthenticated when the command fails (non-zero exit, signal) or prints anything but a
  // valid Version 1 document. Messages name the program (first word of the command) and never
  // contain its output.
  Result<Credentials> GetCredentials() override;

 private:
  std::string command_;
  std::string name_;
};

}  // namespace s3c
