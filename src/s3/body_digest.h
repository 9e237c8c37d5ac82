// Upload integrity (ChecksumMode) and the signed payload hash, computed in one pass over a
// request body that is then rewound.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
#pragma once

#include <string>
#include <vector>

#include "s3/request_executor.h"
#include "s3c/http/http_client.h"

namespace s3c::s3 {

struct BodyDigests {
  std::string md5_base64;  // Content-MD5 value
  std::string crc32c;      // x-amz-checksum-crc32c value
  std::string sha256_hex;  // x-amz-content-sha256 value
};

Result<BodyDigests> DigestBody(BodySource& body, bool md5, bool crc32c, bool sha256);

// Adds the integrity header `mode` asks for (or Content-MD5 when require_md5) and, when the
// payload is signed (plain http), the body's SHA-256 to call. kMd5 means "a server-verified
// digest of the body": Content-MD5 when the payload is unsigned (https), else the signed
// SHA-256 alone.
Status AddUploadIntegrity(S3Call& call, ChecksumMode mode, bool sign_payload,
                          bool require_md5 = false);

// The composite CRC32C S3 gives a multipart object declared COMPOSITE: base64 of the CRC32C of
// the parts' raw (4-byte big-endian) CRC32Cs in part order, "-", part count. "" when a part has
// no checksum or one that is not base64 of 4 bytes.
std::string CompositeCrc32c(const std::vector<CompletedPart>& sorted_parts);

// The ETag S3 gives a multipart object: hex MD5 of the parts' binary MD5s, "-", part count.
// "" when a part ETag is not a plain MD5 (e.g. SSE-KMS).
std::string MultipartEtag(const std::vector<CompletedPart>& sorted_parts);

}  // namespace s3c::s3
