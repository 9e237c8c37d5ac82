// SHA-1 over OpenSSL, only for the AWS CLI's SSO token cache file name (not for security).
#pragma once

#include <string>
#include <string_view>

namespace s3c::auth_internal {

// Lower-case hex SHA-1 of data.
std::string Sha1Hex(std::string_view data);

}  // namespace s3c::auth_internal
