// Parsers for the XML documents S3 returns, and builders for the ones it accepts.
// Response shapes: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html,
// .../API_CompleteMultipartUpload.html, .../API_DeleteObjects.html, .../ErrorResponses.html
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/s3/s3_client.h"

namespace s3c::s3 {

struct S3ErrorDocument {
  std::string code;
  std::string message;
  std::string request_id;
  std::string region;    // AuthorizationHeaderMalformed / PermanentRedirect
  std::string endpoint;  // PermanentRedirect
};

// True when body is an <Error> document (also inside a 200 response).
bool IsErrorDocument(std::string_view body);
// An <Error> document; InvalidArgument when body is not one.
Result<S3ErrorDocument> ParseErrorDocument(std::string_view body);

// ListObjectsV2 with encoding-type=url: Key, Prefix (CommonPrefixes), StartAfter and Delimiter
// come url-encoded and are decoded here. RGW leaves '/' unencoded in prefixes but encodes other
// characters: decoding handles both. Keys are decoded only when the response says
// <EncodingType>url</EncodingType>.
Result<ListObjectsPage> ParseListObjectsV2(std::string_view body, bool url_encoded);

// ListMultipartUploadsResult
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html): Upload
// entries (Key, UploadId, Initiated), CommonPrefixes, IsTruncated and the next markers. With
// encoding-type=url, Key, Prefix and NextKeyMarker come url-encoded and are decoded here when
// the response says <EncodingType>url</EncodingType>. A truncated page without a
// NextKeyMarker, an upload without an UploadId or with an Initiated that is not an ISO-8601
// time is InvalidArgument naming the key.
Result<ListUploadsPage> ParseListMultipartUploads(std::string_view body, bool url_encoded);

Result<std::string> ParseInitiateMultipartUpload(std::string_view body);  // UploadId

struct CompleteMultipartUploadResult {
  std::string etag;             // quotes stripped; RGW may leave it empty
  std::string checksum_crc32c;  // <ChecksumCRC32C>, "" when the store gives none
  std::string checksum_type;    // <ChecksumType>: COMPOSITE, FULL_OBJECT or ""
};
// CompleteMultipartUploadResult. An <Error> body is an error Status with the S3 code in its
// context.
Result<CompleteMultipartUploadResult> ParseCompleteMultipartUpload(std::string_view body);
// CopyObjectResult / CopyPartResult -> ETag (quotes stripped).
Result<std::string> ParseCopyResult(std::string_view body);
// DeleteResult: the <Error> entries (quiet mode lists only failures).
Result<std::vector<DeleteError>> ParseDeleteResult(std::string_view body);

// <Part> entries in the order given, each with its <ChecksumCRC32C> when the part has one.
std::string BuildCompleteMultipartUploadXml(const std::vector<CompletedPart>& parts);
std::string BuildDeleteObjectsXml(const std::vector<std::string>& keys, bool quiet);
std::string BuildCreateBucketXml(const std::string& location_constraint);

std::string StripQuotes(std::string_view etag);

}  // namespace s3c::s3
