// Env: the one place that reads the process environment and the home folder
// (docs/architecture.md, convention 6). Everything else receives an Env.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace s3c {

class Env {
 public:
  virtual ~Env() = default;
  // The variable's value, or nullopt when unset. An empty value is returned as "".
  virtual std::optional<std::string> Get(const std::string& name) const = 0;
  // $HOME, or "" when unknown.
  std::string Home() const;
  // Get(name) when set and non-empty, else fallback.
  std::string GetOr(const std::string& name, const std::string& fallback) const;
};

// Reads the real process environment. Thread-safe (read-only use of getenv).
class SystemEnv final : public Env {
 public:
  std::optional<std::string> Get(const std::string& name) const override;
  static const Env& Instance();
};

// A fixed map, for tests.
class MapEnv final : public Env {
 public:
  MapEnv() = default;
  explicit MapEnv(std::map<std::string, std::string> vars) : vars_(std::move(vars)) {}
  void Set(const std::string& name, std::string value) { vars_[name] = std::move(value); }
  void Unset(const std::string& name) { vars_.erase(name); }
  std::optional<std::string> Get(const std::string& name) const override;

 private:
  std::map<std::string, std::string> vars_;
};

}  // namespace s3c
