// The AWS shared config and credentials files (~/.aws/config, ~/.aws/credentials).
// Format: https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
//  - `#` or `;` start a comment line; in a value, a comment needs whitespace before it.
//  - config file: `[default]`, `[profile NAME]`, `[sso-session NAME]`, `[services NAME]`;
//    other sections are ignored. credentials file: `[NAME]` is profile NAME.
//  - `key = value`; keys are case-insensitive (stored lower-case).
//  - a key with an empty value followed by indented `key = value` lines is a sub-section
//    (`s3 =` then `  addressing_style = path`); other indented lines continue the value.
//  - for one profile, credentials-file keys override config-file keys.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "s3c/common/env.h"
#include "s3c/common/status.h"

namespace s3c {

struct ConfigSection {
  std::string name;
  std::map<std::string, std::string> values;
  std::map<std::string, std::map<std::string, std::string>> subsections;

  // The value of key, or nullopt when absent. An empty value counts as absent.
  std::optional<std::string> Get(std::string_view key) const;
  // subsections[sub][key], or nullopt when absent or empty.
  std::optional<std::string> GetSub(std::string_view sub, std::string_view key) const;
};

class SharedConfig {
 public:
  // Parses already-read file contents. `config_name` / `credentials_name` name the files in
  // errors (which give a line number, never the line: it may hold a secret).
  static Result<SharedConfig> Parse(std::string_view config_text, std::string_view credentials_text,
                                    std::string_view config_name = "config",
                                    std::string_view credentials_name = "credentials");
  // Reads $AWS_CONFIG_FILE (default ~/.aws/config) and $AWS_SHARED_CREDENTIALS_FILE (default
  // ~/.aws/credentials). A missing file is empty; an unreadable or malformed one is an error.
  static Result<SharedConfig> Load(const Env& env);

  static std::string ConfigFilePath(const Env& env);
  static std::string CredentialsFilePath(const Env& env);

  // nullptr when absent.
  const ConfigSection* FindProfile(std::string_view name) const;
  const ConfigSection* FindSsoSession(std::string_view name) const;
  const ConfigSection* FindServices(std::string_view name) const;

  const std::map<std::string, ConfigSection, std::less<>>& profiles() const { return profiles_; }

 private:
  std::map<std::string, ConfigSection, std::less<>> profiles_;
  std::map<std::string, ConfigSection, std::less<>> sso_sessions_;
  std::map<std::string, ConfigSection, std::less<>> services_;
};

}  // namespace s3c
