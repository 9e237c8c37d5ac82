// SigV4 canonicalization: URL parts, canonical URI, query string, headers and request.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "auth/sigv4_internal.h"
#include "s3c/common/strings.h"

namespace s3c::sigv4 {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string DecodeOrKeep(std::string_view s) {
  auto decoded = UriDecode(s, /*plus_as_space=*/false);
  return decoded ? *std::move(decoded) : std::string(s);
}

}  // namespace

Result<UrlParts> SplitUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return Status(StatusCode::kInvalidArgument, "URL has no scheme: " + std::string(url));
  }
  UrlParts parts;
  parts.scheme = ToLower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return Status(StatusCode::kInvalidArgument, "URL must not carry user information");
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return Status(StatusCode::kInvalidArgument, "URL has an unterminated IPv6 host");
    }
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return Status(StatusCode::kInvalidArgument, "URL has garbage after its IPv6 host");
      }
      port = after.substr(1);
    }
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return Status(StatusCode::kInvalidArgument, "URL has no host");
  if (!port.empty() && !ParseUint64(port)) {
    return Status(StatusCode::kInvalidArgument, "URL has a bad port: " + std::string(port));
  }
  parts.host = std::string(host);
  parts.port = std::string(port);
  size_t q = tail.find('?');
  parts.path = std::string(tail.substr(0, q));
  if (q != std::string_view::npos) parts.query = std::string(tail.substr(q + 1));
  return parts;
}

std::string HostHeaderValue(const UrlParts& url) {
  bool default_port = url.port.empty() || (url.scheme == "http" && url.port == "80") ||
                      (url.scheme == "https" && url.port == "443");
  return default_port ? url.host : url.host + ":" + url.port;
}

std::string CanonicalUriS3(std::string_view wire_path) {
  return wire_path.empty() ? std::string("/") : std::string(wire_path);
}

std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  bool trailing_slash = false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    bool last = end == path.size();
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    if (last) trailing_slash = seg.empty() || seg == "." || seg == "..";
    start = end + 1;
  }
  std::string out;
  for (std::string_view seg : segments) {
    out += '/';
    out += seg;
  }
  if (out.empty() || trailing_slash) out += '/';
  return out;
}

std::string CanonicalUriGeneric(std::string_view wire_path, bool normalize) {
  std::string path = normalize ? NormalizePath(wire_path) : std::string(wire_path);
  if (path.empty()) path = "/";
  return UriEncode(path, /*keep_slash=*/true);
}

ParamList ParseQuery(std::string_view wire_query) {
  ParamList params;
  size_t start = 0;
  while (start <= wire_query.size()) {
    size_t end = wire_query.find('&', start);
    if (end == std::string_view::npos) end = wire_query.size();
    std::string_view item = wire_query.substr(start, end - start);
    if (!item.empty()) {
      size_t eq = item.find('=');
      std::string_view name = item.substr(0, eq);
      std::string_view value =
          eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
      params.emplace_back(DecodeOrKeep(name), DecodeOrKeep(value));
    }
    start = end + 1;
  }
  return params;
}

std::string CanonicalQuery(const ParamList& decoded_params) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(decoded_params.size());
  for (const auto& [name, value] : decoded_params) {
    encoded.emplace_back(UriEncode(name, false), UriEncode(value, false));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string CanonicalQuery(std::string_view wire_query) {
  return CanonicalQuery(ParseQuery(wire_query));
}

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

bool IsSignableHeader(std::string_view lower_name) {
  static constexpr std::array<std::string_view, 10> kSkipped = {
      "authorization", "user-agent", "x-amzn-trace-id",   "expect",  "connection",
      "keep-alive",    "te",         "transfer-encoding", "upgrade", "proxy-authorization"};
  return std::find(kSkipped.begin(), kSkipped.end(), lower_name) == kSkipped.end();
}

CanonicalHeaders MakeCanonicalHeaders(const HeaderList& headers) {
  std::vector<std::pair<std::string, std::string>> items;
  items.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    items.emplace_back(ToLower(Trim(name)), CanonicalHeaderValue(value));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders out;
  for (size_t i = 0; i < items.size();) {
    const std::string& name = items[i].first;
    out.block += name;
    out.block += ':';
    out.block += items[i].second;
    size_t j = i + 1;
    for (; j < items.size() && items[j].first == name; ++j) {
      out.block += ',';
      out.block += items[j].second;
    }
    out.block += '\n';
    if (!out.signed_headers.empty()) out.signed_headers += ';';
    out.signed_headers += name;
    i = j;
  }
  return out;
}

std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, const CanonicalHeaders& headers,
                             std::string_view payload_hash) {
  std::string out;
  out.reserve(method.size() + canonical_uri.size() + canonical_query.size() + headers.block.size() +
              headers.signed_headers.size() + payload_hash.size() + 8);
  out.append(method).append("\n");
  out.append(canonical_uri).append("\n");
  out.append(canonical_query).append("\n");
  out.append(headers.block).append("\n");
  out.append(headers.signed_headers).append("\n");
  out.append(payload_hash);
  return out;
}

}  // namespace s3c::sigv4
