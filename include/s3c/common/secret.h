// SecretString holds a secret key or session token (docs/architecture.md, convention 9).
// It has no implicit conversion to std::string and prints as "***" through fmt and ToString;
// only code that must use the raw value (the signer, a request header) calls Reveal().
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

namespace s3c {

class SecretString {
 public:
  SecretString() = default;
  explicit SecretString(std::string value) : value_(std::move(value)) {}
  const std::string& Reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  std::string ToString() const { return value_.empty() ? "" : "***"; }
  friend bool operator==(const SecretString& a, const SecretString& b) {
    return a.value_ == b.value_;
  }

 private:
  std::string value_;
};

}  // namespace s3c

template <>
struct fmt::formatter<s3c::SecretString> : fmt::formatter<std::string> {
  template <typename Ctx>
  auto format(const s3c::SecretString& s, Ctx& ctx) const {
    return fmt::formatter<std::string>::format(s.ToString(), ctx);
  }
};
