// Digests computed independently of the product's crypto (OpenSSL's one-shot EVP API), for
// tests that check what the product put on the wire.
#pragma once

#include <string>
#include <string_view>

namespace s3c::testing {

// SHA-256 of `data`, 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace s3c::testing
