#include "s3c/common/env.h"

#include <cstdlib>

namespace s3c {

std::string Env::Home() const { return GetOr("HOME", ""); }

std::string Env::GetOr(const std::string& name, const std::string& fallback) const {
  auto v = Get(name);
  return (v && !v->empty()) ? *v : fallback;
}

std::optional<std::string> SystemEnv::Get(const std::string& name) const {
  const char* v = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): read-only
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

const Env& SystemEnv::Instance() {
  static const SystemEnv env;
  return env;
}

std::optional<std::string> MapEnv::Get(const std::string& name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

}  // namespace s3c
