// SHA-256, HMAC-SHA256 and MD5 over OpenSSL's EVP interface (OpenSSL 3); the CRC32C header.
#include "s3c/auth/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

#include "s3c/common/strings.h"

namespace s3c {
namespace {

// EVP failures here mean allocation failure or a broken OpenSSL build: there is no meaningful
// recovery and the signature would silently be wrong, so stop.
void Check(int ok) {
  if (ok != 1) std::abort();
}

std::string Digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  Check(EVP_Digest(data.data(), data.size(), out, &len, md, nullptr));
  return std::string(reinterpret_cast<const char*>(out), len);
}

// One incremental digest context; shared by both hashers.
struct DigestCtx {
  explicit DigestCtx(const EVP_MD* md) : ctx(EVP_MD_CTX_new()) {
    if (ctx == nullptr) std::abort();
    Check(EVP_DigestInit_ex(ctx, md, nullptr));
  }
  ~DigestCtx() { EVP_MD_CTX_free(ctx); }
  DigestCtx(const DigestCtx&) = delete;
  DigestCtx& operator=(const DigestCtx&) = delete;
  void Update(const void* data, size_t n) {
    if (n > 0) Check(EVP_DigestUpdate(ctx, data, n));
  }
  std::string Finish() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    Check(EVP_DigestFinal_ex(ctx, out, &len));
    return std::string(reinterpret_cast<const char*>(out), len);
  }
  EVP_MD_CTX* ctx;
};

}  // namespace

std::string Sha256(std::string_view data) { return Digest(EVP_sha256(), data); }

std::string Md5(std::string_view data) { return Digest(EVP_md5(), data); }

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // An empty key is legal for HMAC; OpenSSL wants a non-null pointer for it.
  static const unsigned char kEmpty = 0;
  const void* key_ptr = key.empty() ? &kEmpty : static_cast<const void*>(key.data());
  if (HMAC(EVP_sha256(), key_ptr, static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
           &len) == nullptr) {
    std::abort();
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

struct Sha256Hasher::Impl : DigestCtx {
  Impl() : DigestCtx(EVP_sha256()) {}
};
Sha256Hasher::Sha256Hasher() : impl_(std::make_unique<Impl>()) {}
Sha256Hasher::~Sha256Hasher() = default;
void Sha256Hasher::Update(const void* data, size_t n) { impl_->Update(data, n); }
std::string Sha256Hasher::Finish() { return impl_->Finish(); }

struct Md5Hasher::Impl : DigestCtx {
  Impl() : DigestCtx(EVP_md5()) {}
};
Md5Hasher::Md5Hasher() : impl_(std::make_unique<Impl>()) {}
Md5Hasher::~Md5Hasher() = default;
void Md5Hasher::Update(const void* data, size_t n) { impl_->Update(data, n); }
std::string Md5Hasher::Finish() { return impl_->Finish(); }

std::string Crc32cHeaderValue(uint32_t crc) {
  const char be[4] = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16),
                      static_cast<char>(crc >> 8), static_cast<char>(crc)};
  return Base64Encode(std::string_view(be, 4));
}

}  // namespace s3c
