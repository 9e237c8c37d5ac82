#include "s3c/auth/shared_config.h"

#include <fmt/format.h>

#include <vector>

#include "auth/text_file.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

enum class SectionKind { kProfile, kSsoSession, kServices, kIgnored };

struct RawSection {
  SectionKind kind = SectionKind::kIgnored;
  ConfigSection section;
};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Drops a `#` or `;` comment that follows whitespace.
std::string_view StripInlineComment(std::string_view v) {
  for (size_t i = 1; i < v.size(); ++i) {
    if ((v[i] == '#' || v[i] == ';') && IsSpace(v[i - 1])) return Trim(v.substr(0, i));
  }
  return v;
}

// "profile  dev" -> {kProfile, "dev"}; the credentials file takes names as they are.
RawSection ClassifyHeader(std::string_view header, bool credentials_file) {
  RawSection raw;
  auto take = [&](std::string_view prefix, SectionKind kind) {
    if (header.size() <= prefix.size() || header.substr(0, prefix.size()) != prefix ||
        !IsSpace(header[prefix.size()])) {
      return false;
    }
    std::string_view name = Trim(header.substr(prefix.size()));
    if (!name.empty()) {
      raw.kind = kind;
      raw.section.name = std::string(name);
    }
    return true;
  };
  if (credentials_file) {
    if (!take("profile", SectionKind::kIgnored)) {
      raw.kind = SectionKind::kProfile;
      raw.section.name = std::string(header);
    } else {
      raw.kind = SectionKind::kIgnored;
    }
    return raw;
  }
  if (header == "default") {
    raw.kind = SectionKind::kProfile;
    raw.section.name = "default";
    return raw;
  }
  if (take("profile", SectionKind::kProfile) || take("sso-session", SectionKind::kSsoSession) ||
      take("services", SectionKind::kServices)) {
    return raw;
  }
  return raw;  // ignored section
}

Result<std::vector<RawSection>> ParseIni(std::string_view text, std::string_view file_name,
                                         bool credentials_file) {
  std::vector<RawSection> out;
  std::string last_key;   // the property indented lines attach to
  bool sub_open = false;  // last_key had an empty value: indented lines are a sub-section
  std::string sub_key;    // last key inside the sub-section (for continuation lines)
  size_t line_no = 0;
  auto error = [&](const char* what) {
    Status s = InvalidArgumentError(fmt::format("malformed AWS {} file {}: line {}: {}",
                                                credentials_file ? "credentials" : "config",
                                                file_name, line_no, what));
    s.mutable_context().resource = std::string(file_name);
    return s;
  };
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == ';') continue;
    if (trimmed[0] == '[') {
      size_t close = trimmed.find(']');
      if (close == std::string_view::npos) return error("section header without ']'");
      std::string_view rest = Trim(trimmed.substr(close + 1));
      if (!rest.empty() && rest[0] != '#' && rest[0] != ';') {
        return error("text after section header");
      }
      out.push_back(ClassifyHeader(Trim(trimmed.substr(1, close - 1)), credentials_file));
      last_key.clear();
      sub_open = false;
      continue;
    }
    if (out.empty()) return error("property before any [section]");
    ConfigSection& section = out.back().section;
    if (IsSpace(line[0]) && !last_key.empty()) {
      if (!sub_open) {
        section.values[last_key] += "\n" + std::string(StripInlineComment(trimmed));
        continue;
      }
      size_t eq = trimmed.find('=');
      if (eq == std::string_view::npos) {
        if (sub_key.empty()) return error("expected 'key = value' in a sub-section");
        section.subsections[last_key][sub_key] += "\n" + std::string(trimmed);
        continue;
      }
      sub_key = ToLower(Trim(trimmed.substr(0, eq)));
      if (sub_key.empty()) return error("empty key");
      section.subsections[last_key][sub_key] =
          std::string(StripInlineComment(Trim(trimmed.substr(eq + 1))));
      continue;
    }
    size_t eq = trimmed.find('=');
    if (eq == std::string_view::npos) return error("expected 'key = value'");
    last_key = ToLower(Trim(trimmed.substr(0, eq)));
    if (last_key.empty()) return error("empty key");
    std::string value(StripInlineComment(Trim(trimmed.substr(eq + 1))));
    sub_open = value.empty();
    sub_key.clear();
    section.values[last_key] = std::move(value);
  }
  return out;
}

void MergeInto(ConfigSection& dst, const ConfigSection& src) {
  dst.name = src.name;
  for (const auto& [k, v] : src.values) dst.values[k] = v;
  for (const auto& [sub, kv] : src.subsections) {
    for (const auto& [k, v] : kv) dst.subsections[sub][k] = v;
  }
}

std::string PathFromEnv(const Env& env, const char* var, const char* default_suffix) {
  std::string p = env.GetOr(var, "");
  if (!p.empty()) return auth_internal::ExpandHome(env, p);
  return env.Home() + default_suffix;
}

Result<std::string> ReadOptional(const std::string& path, const char* what) {
  auto text = auth_internal::ReadTextFile(path, what);
  if (!text.ok() && text.status().code() == StatusCode::kNotFound) return std::string();
  return text;
}

}  // namespace

std::optional<std::string> ConfigSection::Get(std::string_view key) const {
  auto it = values.find(std::string(key));
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::optional<std::string> ConfigSection::GetSub(std::string_view sub, std::string_view key) const {
  auto it = subsections.find(std::string(sub));
  if (it == subsections.end()) return std::nullopt;
  auto kv = it->second.find(std::string(key));
  if (kv == it->second.end() || kv->second.empty()) return std::nullopt;
  return kv->second;
}

Result<SharedConfig> SharedConfig::Parse(std::string_view config_text,
                                         std::string_view credentials_text,
                                         std::string_view config_name,
                                         std::string_view credentials_name) {
  SharedConfig cfg;
  S3C_ASSIGN_OR_RETURN(auto config_sections, ParseIni(config_text, config_name, false));
  S3C_ASSIGN_OR_RETURN(auto cred_sections, ParseIni(credentials_text, credentials_name, true));
  for (const auto* list : {&config_sections, &cred_sections}) {
    for (const RawSection& raw : *list) {
      switch (raw.kind) {
        case SectionKind::kProfile:
          MergeInto(cfg.profiles_[raw.section.name], raw.section);
          break;
        case SectionKind::kSsoSession:
          MergeInto(cfg.sso_sessions_[raw.section.name], raw.section);
          break;
        case SectionKind::kServices:
          MergeInto(cfg.services_[raw.section.name], raw.section);
          break;
        case SectionKind::kIgnored:
          break;
      }
    }
  }
  return cfg;
}

std::string SharedConfig::ConfigFilePath(const Env& env) {
  return PathFromEnv(env, "AWS_CONFIG_FILE", "/.aws/config");
}

std::string SharedConfig::CredentialsFilePath(const Env& env) {
  return PathFromEnv(env, "AWS_SHARED_CREDENTIALS_FILE", "/.aws/credentials");
}

Result<SharedConfig> SharedConfig::Load(const Env& env) {
  std::string config_path = ConfigFilePath(env);
  std::string cred_path = CredentialsFilePath(env);
  S3C_ASSIGN_OR_RETURN(std::string config_text, ReadOptional(config_path, "AWS config file"));
  S3C_ASSIGN_OR_RETURN(std::string cred_text, ReadOptional(cred_path, "AWS credentials file"));
  return Parse(config_text, cred_text, config_path, cred_path);
}

const ConfigSection* SharedConfig::FindProfile(std::string_view name) const {
  auto it = profiles_.find(name);
  return it == profiles_.end() ? nullptr : &it->second;
}

const ConfigSection* SharedConfig::FindSsoSession(std::string_view name) const {
  auto it = sso_sessions_.find(name);
  return it == sso_sessions_.end() ? nullptr : &it->second;
}

const ConfigSection* SharedConfig::FindServices(std::string_view name) const {
  auto it = services_.find(name);
  return it == services_.end() ? nullptr : &it->second;
}

}  // namespace s3c
