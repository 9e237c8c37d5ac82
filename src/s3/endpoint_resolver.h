// Endpoint and addressing rules: which URL an S3 request goes to.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/s3/s3_client.h"

namespace s3c::s3 {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// 3..63 characters of [a-z0-9.-], starting and ending with a letter or digit, no "..", not
// shaped like an IPv4 address.
bool IsDnsCompatibleBucket(std::string_view bucket);

// Every byte but the RFC 3986 unreserved set and '/' is percent-encoded, so keys with spaces,
// unicode, '+', '%', '~' and '//' round-trip.
std::string EncodeKey(std::string_view key);

// "a=1&b=x%2Fy"; a parameter with an empty value is written bare ("uploads").
std::string EncodeQuery(const QueryParams& query);

// "s3.REGION.amazonaws.com" (".com.cn" for cn-* regions).
std::string AwsRegionalHost(std::string_view region);

struct ResolvedUrl {
  std::string url;  // scheme://host[:port]/path[?query], encoded as sent
  bool https = false;
  bool virtual_hosted = false;
};

// endpoint_url "" = AWS. Auto addressing: virtual-hosted on AWS for DNS-compatible bucket names
// without dots, path style otherwise and for custom endpoints. A forced virtual style with a
// bucket that cannot be a host name is InvalidArgument. An empty bucket addresses the service.
Result<ResolvedUrl> ResolveUrl(const std::string& endpoint_url, AddressingStyle style,
                               const std::string& region, const std::string& bucket,
                               const std::string& key, const QueryParams& query);

// The URL without its query string (for messages: presigned parameters never leave).
std::string UrlForMessages(std::string_view url);

}  // namespace s3c::s3
