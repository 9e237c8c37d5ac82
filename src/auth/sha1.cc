#include "auth/sha1.h"

#include <openssl/evp.h>

#include "s3c/common/strings.h"

namespace s3c::auth_internal {

std::string Sha1Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha1(), nullptr) != 1) return "";
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

}  // namespace s3c::auth_internal
