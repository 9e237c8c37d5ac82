// SigV4 string to sign, signing key, signature and Authorization value.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// (steps 2 to 4).
#include <algorithm>
#include <string>
#include <string_view>

#include "auth/sigv4_internal.h"
#include "s3c/auth/crypto.h"
#include "s3c/common/strings.h"

namespace s3c::sigv4 {

std::string CredentialScope(std::string_view date_stamp, std::string_view region,
                            std::string_view service) {
  std::string out;
  out.append(date_stamp).append("/").append(region).append("/").append(service);
  out.append("/aws4_request");
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out.append("\n").append(amz_date).append("\n").append(scope).append("\n");
  out.append(HexEncode(Sha256(canonical_request)));
  return out;
}

std::string SigningKey(const SecretString& secret, std::string_view date_stamp,
                       std::string_view region, std::string_view service) {
  std::string k_secret = "AWS4" + secret.Reveal();
  std::string k_date = HmacSha256(k_secret, date_stamp);
  // The intermediate keys are as sensitive as the secret: wipe the one that holds it verbatim.
  std::fill(k_secret.begin(), k_secret.end(), '\0');
  std::string k_region = HmacSha256(k_date, region);
  std::string k_service = HmacSha256(k_region, service);
  return HmacSha256(k_service, "aws4_request");
}

std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign) {
  return HexEncode(HmacSha256(signing_key, string_to_sign));
}

std::string AuthorizationValue(std::string_view access_key_id, std::string_view scope,
                               std::string_view signed_headers, std::string_view signature) {
  std::string out(kAlgorithm);
  out.append(" Credential=").append(access_key_id).append("/").append(scope);
  out.append(", SignedHeaders=").append(signed_headers);
  out.append(", Signature=").append(signature);
  return out;
}

}  // namespace s3c::sigv4
