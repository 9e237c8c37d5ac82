// SecretValues (secret_values.h).
#include "s3c/pipeline/secret_values.h"

#include <algorithm>

#include "s3c/common/status_message.h"

namespace s3c::pipeline {

bool IsSecretKey(std::string_view key) {
  return key == "aws_access_key_id" || key == "aws_secret_access_key" ||
         key == "aws_session_token";
}

void SecretValues::Add(std::string value) {
  if (value.empty() || std::find(values_.begin(), values_.end(), value) != values_.end()) return;
  values_.push_back(std::move(value));
  // Longest first: a secret that contains another is hidden whole, not around "***".
  std::stable_sort(values_.begin(), values_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretValues::Redact(std::string text) const {
  for (const std::string& secret : values_) {
    for (size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  }
  return text;
}

Status SecretValues::Redact(const Status& status) const {
  if (status.ok()) return status;
  Status out = WithMessage(status, Redact(status.message()));
  ErrorContext& c = out.mutable_context();
  for (std::string* text : {&c.operation, &c.resource, &c.s3_code, &c.request_id, &c.hint}) {
    *text = Redact(std::move(*text));
  }
  return out;
}

}  // namespace s3c::pipeline
