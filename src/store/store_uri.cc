#include "s3c/store/store_uri.h"

#include <fmt/format.h>

#include <cctype>

#include "s3c/common/strings.h"

namespace s3c {
namespace {

Status Bad(std::string_view text, std::string_view why) {
  return InvalidArgumentError(fmt::format("'{}' is not a valid location: {}", text, why));
}

// "scheme" of "scheme:rest" when it looks like a URI scheme (RFC 3986 section 3.1), else "".
std::string SchemeOf(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return "";
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return "";
  for (size_t i = 1; i < colon; ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return "";
  }
  return ToLower(text.substr(0, colon));
}

bool IsFolderPath(std::string_view p) {
  return p.empty() || p.back() == '/' || p == "." || p == ".." || EndsWith(p, "/.") ||
         EndsWith(p, "/..");
}

Result<StoreUri> ParseLocal(std::string_view text, std::string_view path) {
  if (path.empty()) return Bad(text, "empty path");
  if (path.find('\0') != std::string_view::npos) return Bad(text, "the path contains a NUL byte");
  StoreUri uri;
  uri.kind = StoreKind::kLocal;
  if (IsFolderPath(path)) {
    uri.root = std::string(path);
    while (uri.root.size() > 1 && uri.root.back() == '/') uri.root.pop_back();
    return uri;
  }
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) {
    uri.root.assign(1, '.');  // not = ".": a GCC 12 -Wrestrict false positive
    uri.key = std::string(path);
  } else {
    uri.root = slash == 0 ? "/" : std::string(path.substr(0, slash));
    uri.key = std::string(path.substr(slash + 1));
  }
  return uri;
}

Result<StoreUri> ParseS3(std::string_view text, std::string_view rest) {
  size_t slash = rest.find('/');
  std::string_view bucket = rest.substr(0, slash);
  if (bucket.empty()) return Bad(text, "the bucket name is missing (s3://bucket/key)");
  if (bucket.size() < 3 || bucket.size() > 255) {
    return Bad(text, fmt::format("bucket name '{}' must be 3 to 63 characters long", bucket));
  }
  for (char c : bucket) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      return Bad(text, fmt::format("bucket name '{}' may hold only lower-case letters, digits, "
                                   "'.' and '-'",
                                   bucket));
    }
  }
  StoreUri uri;
  uri.kind = StoreKind::kS3;
  uri.bucket = std::string(bucket);
  if (slash != std::string_view::npos) uri.key = std::string(rest.substr(slash + 1));
  return uri;
}

Result<StoreUri> ParseMemory(std::string_view text, std::string_view rest) {
  size_t slash = rest.find('/');
  std::string_view name = rest.substr(0, slash);
  if (name.empty()) return Bad(text, "the space name is missing (mem://name/key)");
  StoreUri uri;
  uri.kind = StoreKind::kMemory;
  uri.bucket = std::string(name);
  if (slash != std::string_view::npos) uri.key = std::string(rest.substr(slash + 1));
  return uri;
}

Result<StoreUri> ParseFile(std::string_view text, std::string_view rest) {
  // RFC 8089: file:///path, file://localhost/path, or the minimal file:/path.
  if (StartsWith(rest, "//")) {
    std::string_view after = rest.substr(2);
    size_t slash = after.find('/');
    std::string_view host = after.substr(0, slash);
    if (!host.empty() && !IEquals(host, "localhost")) {
      return Bad(text, fmt::format("file URIs name local paths only, not host '{}' "
                                   "(use file:///absolute/path)",
                                   host));
    }
    if (slash == std::string_view::npos) return Bad(text, "the path is missing (file:///path)");
    return ParseLocal(text, after.substr(slash));
  }
  if (StartsWith(rest, "/")) return ParseLocal(text, rest);
  return Bad(text, "a file URI needs an absolute path (file:///absolute/path)");
}

}  // namespace

Result<StoreUri> ParseStoreUri(std::string_view text) {
  if (text.empty())
    return InvalidArgumentError(
        "empty location: give a path, s3://bucket/key, "
        "file:///path or mem://name/key");
  if (text == "-") {
    StoreUri uri;
    uri.kind = StoreKind::kStdio;
    return uri;
  }
  std::string scheme = SchemeOf(text);
  if (scheme.empty()) return ParseLocal(text, text);
  std::string_view rest = text.substr(scheme.size() + 1);
  if (scheme == "file") return ParseFile(text, rest);
  bool has_slashes = StartsWith(rest, "//");
  if (scheme == "s3" || scheme == "mem") {
    if (!has_slashes) {
      return Bad(text, fmt::format("write {}://{}/key (two slashes after '{}:')", scheme,
                                   scheme == "s3" ? "bucket" : "name", scheme));
    }
    return scheme == "s3" ? ParseS3(text, rest.substr(2)) : ParseMemory(text, rest.substr(2));
  }
  if (!has_slashes) return ParseLocal(text, text);  // "a:b.csv" is a file name
  std::string hint = (scheme == "s3a" || scheme == "s3n") ? " (did you mean s3://?)" : "";
  return Bad(text, fmt::format("unsupported scheme '{}'{}: use s3://, file://, mem:// or a path",
                               scheme, hint));
}

std::string StoreUri::ToString() const {
  switch (kind) {
    case StoreKind::kS3:
      return "s3://" + bucket + "/" + key;
    case StoreKind::kMemory:
      return "mem://" + bucket + "/" + key;
    case StoreKind::kStdio:
      return "-";
    case StoreKind::kLocal:
      break;
  }
  if (key.empty()) return root == "/" ? root : root + "/";
  if (root == ".") return key;
  return (root == "/" ? root : root + "/") + key;
}

}  // namespace s3c
