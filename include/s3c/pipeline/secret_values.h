// The secret values of a pipeline file (docs/architecture.md, convention 9): every value given
// to a secret key (aws_access_key_id, aws_secret_access_key, aws_session_token), as written or
// as interpolated from the environment. Redact() replaces each of them with "***" wherever it
// appears, so no output of a pipeline (summary, errors, verbose logs, reports) shows one, even
// when the same text was also given to a key that is not secret.
// Thread-safety: const methods may be called from any thread once loading is done.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"

namespace s3c::pipeline {

// The keys whose values are secrets, wherever they appear.
bool IsSecretKey(std::string_view key);

class SecretValues {
 public:
  // Empty values are ignored (nothing to hide).
  void Add(std::string value);
  // `text` with every occurrence of every secret (longest first) replaced by "***".
  std::string Redact(std::string text) const;
  // The same error with its message and every text of its context redacted.
  Status Redact(const Status& status) const;
  bool empty() const { return values_.empty(); }

 private:
  std::vector<std::string> values_;  // longest first, unique
};

}  // namespace s3c::pipeline
