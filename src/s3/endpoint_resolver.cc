#include "s3/endpoint_resolver.h"

#include <fmt/format.h>

#include "s3c/common/strings.h"

namespace s3c::s3 {
namespace {

bool LooksLikeIpv4(std::string_view s) {
  std::vector<std::string> parts = Split(s, '.');
  if (parts.size() != 4) return false;
  for (const std::string& p : parts) {
    if (p.empty() || p.size() > 3) return false;
    for (char c : p) {
      if (c < '0' || c > '9') return false;
    }
  }
  return true;
}

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool IsDnsCompatibleBucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (!IsLowerAlnum(bucket.front()) || !IsLowerAlnum(bucket.back())) return false;
  for (size_t i = 0; i < bucket.size(); ++i) {
    char c = bucket[i];
    if (!IsLowerAlnum(c) && c != '-' && c != '.') return false;
    if (c == '.' && i + 1 < bucket.size() && (bucket[i + 1] == '.' || bucket[i + 1] == '-')) {
      return false;
    }
    if (c == '-' && i + 1 < bucket.size() && bucket[i + 1] == '.') return false;
  }
  return !LooksLikeIpv4(bucket);
}

std::string EncodeKey(std::string_view key) { return UriEncode(key, /*keep_slash=*/true); }

std::string EncodeQuery(const QueryParams& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    if (!out.empty()) out += '&';
    out += UriEncode(name, false);
    if (!value.empty()) {
      out += '=';
      out += UriEncode(value, false);
    }
  }
  return out;
}

std::string AwsRegionalHost(std::string_view region) {
  const char* suffix = StartsWith(region, "cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return fmt::format("s3.{}.{}", region, suffix);
}

Result<ResolvedUrl> ResolveUrl(const std::string& endpoint_url, AddressingStyle style,
                               const std::string& region, const std::string& bucket,
                               const std::string& key, const QueryParams& query) {
  ResolvedUrl out;
  std::string scheme = "https";
  std::string host;  // host[:port]
  std::string base_path;
  if (endpoint_url.empty()) {
    if (region.empty()) return InvalidArgumentError("no region set for the AWS S3 endpoint");
    host = AwsRegionalHost(region);
  } else {
    std::string_view rest = endpoint_url;
    size_t sep = rest.find("://");
    if (sep == std::string_view::npos) {
      return InvalidArgumentError(
          fmt::format("endpoint URL '{}' has no scheme (http:// or https://)", endpoint_url));
    }
    scheme = ToLower(rest.substr(0, sep));
    if (scheme != "http" && scheme != "https") {
      return InvalidArgumentError(
          fmt::format("endpoint URL '{}': scheme must be http or https", endpoint_url));
    }
    rest.remove_prefix(sep + 3);
    size_t slash = rest.find('/');
    host = std::string(rest.substr(0, slash));
    if (slash != std::string_view::npos) {
      base_path = std::string(rest.substr(slash));
      while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    }
    if (host.empty())
      return InvalidArgumentError(fmt::format("endpoint URL '{}' has no host", endpoint_url));
  }
  out.https = scheme == "https";

  bool dns_ok = IsDnsCompatibleBucket(bucket);
  bool use_virtual = false;
  if (!bucket.empty()) {
    switch (style) {
      case AddressingStyle::kVirtual:
        if (!dns_ok) {
          return InvalidArgumentError(fmt::format(
              "bucket '{}' is not a valid host name label: virtual-hosted addressing cannot "
              "reach it (use path style)",
              bucket));
        }
        use_virtual = true;
        break;
      case AddressingStyle::kPath:
        break;
      case AddressingStyle::kAuto:
        // Dots break the TLS wildcard certificate (*.s3.REGION.amazonaws.com).
        use_virtual = endpoint_url.empty() && dns_ok && bucket.find('.') == std::string::npos;
        break;
    }
  }
  out.virtual_hosted = use_virtual;

  std::string path = base_path;
  if (use_virtual) {
    host = bucket + "." + host;
    path += "/" + EncodeKey(key);
  } else if (!bucket.empty()) {
    path += "/" + UriEncode(bucket, false);
    if (!key.empty()) path += "/" + EncodeKey(key);
  } else {
    path += "/";
  }
  out.url = scheme + "://" + host + path;
  std::string q = EncodeQuery(query);
  if (!q.empty()) out.url += "?" + q;
  return out;
}

std::string UrlForMessages(std::string_view url) {
  return std::string(url.substr(0, url.find('?')));
}

}  // namespace s3c::s3
