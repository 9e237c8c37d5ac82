#include "s3/xml_parsers.h"

#include <fmt/format.h>

#include <pugixml.hpp>

#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c::s3 {
namespace {

// pugixml does not throw unless PUGIXML_NO_EXCEPTIONS is off and out-of-memory occurs; parse
// results are checked explicitly.
Result<pugi::xml_node> Load(pugi::xml_document& doc, std::string_view body, const char* root,
                            const char* what) {
  pugi::xml_parse_result r =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) {
    return InvalidArgumentError(fmt::format("malformed {} XML: {}", what, r.description()));
  }
  pugi::xml_node node = doc.child(root);
  if (!node) {
    return InvalidArgumentError(fmt::format("{} XML has no <{}> element", what, root));
  }
  return node;
}

std::string Text(const pugi::xml_node& n, const char* child) {
  return n.child(child).text().as_string();
}

Result<std::string> Decode(const std::string& s, bool url_encoded) {
  if (!url_encoded) return s;
  // encoding-type=url uses form encoding ('+' for space) on AWS; a literal '+' arrives as %2B.
  std::optional<std::string> d = UriDecode(s, /*plus_as_space=*/true);
  if (!d) return InvalidArgumentError(fmt::format("bad url-encoding in listing: '{}'", s));
  return *d;
}

// The <CommonPrefixes><Prefix> entries of a delimited listing, decoded.
Status AppendCommonPrefixes(const pugi::xml_node& root, bool url_encoded,
                            std::vector<std::string>* out) {
  for (pugi::xml_node p = root.child("CommonPrefixes"); p; p = p.next_sibling("CommonPrefixes")) {
    S3C_ASSIGN_OR_RETURN(std::string prefix, Decode(Text(p, "Prefix"), url_encoded));
    out->push_back(std::move(prefix));
  }
  return Status::OK();
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

std::string StripQuotes(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  if (StartsWith(etag, "&quot;") && EndsWith(etag, "&quot;") && etag.size() >= 12) {
    etag = etag.substr(6, etag.size() - 12);
  }
  return std::string(etag);
}

bool IsErrorDocument(std::string_view body) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return false;
  return static_cast<bool>(doc.child("Error"));
}

Result<S3ErrorDocument> ParseErrorDocument(std::string_view body) {
  pugi::xml_document doc;
  S3C_ASSIGN_OR_RETURN(pugi::xml_node e, Load(doc, body, "Error", "error"));
  S3ErrorDocument out;
  out.code = Text(e, "Code");
  out.message = Text(e, "Message");
  out.request_id = Text(e, "RequestId");
  out.region = Text(e, "Region");
  out.endpoint = Text(e, "Endpoint");
  return out;
}

Result<ListObjectsPage> ParseListObjectsV2(std::string_view body, bool url_encoded) {
  pugi::xml_document doc;
  S3C_ASSIGN_OR_RETURN(pugi::xml_node root, Load(doc, body, "ListBucketResult", "ListObjectsV2"));
  // The server says whether it encoded (a server that ignored encoding-type sends no
  // EncodingType and literal keys): trust it over what was asked.
  url_encoded = url_encoded && ToLower(Text(root, "EncodingType")) == "url";
  ListObjectsPage page;
  page.is_truncated = ToLower(Text(root, "IsTruncated")) == "true";
  page.next_continuation_token = Text(root, "NextContinuationToken");
  for (pugi::xml_node c = root.child("Contents"); c; c = c.next_sibling("Contents")) {
    S3Object o;
    S3C_ASSIGN_OR_RETURN(o.key, Decode(Text(c, "Key"), url_encoded));
    std::optional<uint64_t> size = ParseUint64(Text(c, "Size"));
    if (!size) return InvalidArgumentError(fmt::format("listing: bad Size for key '{}'", o.key));
    o.size = *size;
    o.etag = StripQuotes(Text(c, "ETag"));
    if (auto t = ParseIso8601(Text(c, "LastModified"))) o.last_modified = *t;
    page.objects.push_back(std::move(o));
  }
  S3C_RETURN_IF_ERROR(AppendCommonPrefixes(root, url_encoded, &page.common_prefixes));
  if (page.is_truncated && page.next_continuation_token.empty()) {
    return InvalidArgumentError("listing is truncated but has no NextContinuationToken");
  }
  return page;
}

Result<ListUploadsPage> ParseListMultipartUploads(std::string_view body, bool url_encoded) {
  pugi::xml_document doc;
  S3C_ASSIGN_OR_RETURN(pugi::xml_node root, Load(doc, body, "ListMultipartUploadsResult",
                                                 "ListMultipartUploads"));
  url_encoded = url_encoded && ToLower(Text(root, "EncodingType")) == "url";
  ListUploadsPage page;
  page.is_truncated = ToLower(Text(root, "IsTruncated")) == "true";
  S3C_ASSIGN_OR_RETURN(page.next_key_marker, Decode(Text(root, "NextKeyMarker"), url_encoded));
  page.next_upload_id_marker = Text(root, "NextUploadIdMarker");
  for (pugi::xml_node u = root.child("Upload"); u; u = u.next_sibling("Upload")) {
    MultipartUpload upload;
    S3C_ASSIGN_OR_RETURN(upload.key, Decode(Text(u, "Key"), url_encoded));
    upload.upload_id = Text(u, "UploadId");
    if (upload.upload_id.empty()) {
      return InvalidArgumentError(
          fmt::format("ListMultipartUploads: upload of key '{}' has no UploadId", upload.key));
    }
    std::string initiated = Text(u, "Initiated");
    std::optional<WallTime> t = ParseIso8601(initiated);
    if (!t) {
      return InvalidArgumentError(fmt::format(
          "ListMultipartUploads: upload of key '{}' has Initiated '{}', expected an ISO-8601 "
          "time",
          upload.key, initiated));
    }
    upload.initiated = *t;
    page.uploads.push_back(std::move(upload));
  }
  S3C_RETURN_IF_ERROR(AppendCommonPrefixes(root, url_encoded, &page.common_prefixes));
  if (page.is_truncated && page.next_key_marker.empty()) {
    return InvalidArgumentError("ListMultipartUploads is truncated but has no NextKeyMarker");
  }
  return page;
}

Result<std::string> ParseInitiateMultipartUpload(std::string_view body) {
  pugi::xml_document doc;
  S3C_ASSIGN_OR_RETURN(pugi::xml_node root, Load(doc, body, "InitiateMultipartUploadResult",
                                                 "InitiateMultipartUploadResult"));
  std::string id = Text(root, "UploadId");
  if (id.empty()) return InvalidArgumentError("InitiateMultipartUploadResult has no UploadId");
  return id;
}

Result<CompleteMultipartUploadResult> ParseCompleteMultipartUpload(std::string_view body) {
  if (IsErrorDocument(body)) {
    S3C_ASSIGN_OR_RETURN(S3ErrorDocument e, ParseErrorDocument(body));
    Status s = InternalError(fmt::format(
        "CompleteMultipartUpload returned 200 with an error: {} {}", e.code, e.message));
    s.mutable_context().s3_code = e.code;
    s.mutable_context().request_id = e.request_id;
    return s;
  }
  pugi::xml_document doc;
  S3C_ASSIGN_OR_RETURN(pugi::xml_node root, Load(doc, body, "CompleteMultipartUploadResult",
                                                 "CompleteMultipartUploadResult"));
  return CompleteMultipartUploadResult{StripQuotes(Text(root, "ETag")),
                                       Text(root, "ChecksumCRC32C"), Text(root, "ChecksumType")};
}

Result<std::string> ParseCopyResult(std::string_view body) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(body.data(), body.size());
  if (!r)
    return InvalidArgumentError(fmt::format("malformed copy result XML: {}", r.description()));
  pugi::xml_node root = doc.child("CopyObjectResult");
  if (!root) root = doc.child("CopyPartResult");
  if (!root) return InvalidArgumentError("copy response has no CopyObjectResult/CopyPartResult");
  return StripQuotes(Text(root, "ETag"));
}

Result<std::vector<DeleteError>> ParseDeleteResult(std::string_view body) {
  pugi::xml_document doc;
  S3C_ASSIGN_OR_RETURN(pugi::xml_node root, Load(doc, body, "DeleteResult", "DeleteResult"));
  std::vector<DeleteError> out;
  for (pugi::xml_node e = root.child("Error"); e; e = e.next_sibling("Error")) {
    out.push_back(DeleteError{Text(e, "Key"), Text(e, "Code"), Text(e, "Message")});
  }
  return out;
}

std::string BuildCompleteMultipartUploadXml(const std::vector<CompletedPart>& parts) {
  std::string out = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (const CompletedPart& p : parts) {
    out += fmt::format("<Part><PartNumber>{}</PartNumber><ETag>\"", p.part_number);
    AppendEscaped(out, StripQuotes(p.etag));
    out += "\"</ETag>";
    if (!p.checksum_crc32c.empty()) {
      out += "<ChecksumCRC32C>";
      AppendEscaped(out, p.checksum_crc32c);
      out += "</ChecksumCRC32C>";
    }
    out += "</Part>";
  }
  out += "</CompleteMultipartUpload>";
  return out;
}

std::string BuildDeleteObjectsXml(const std::vector<std::string>& keys, bool quiet) {
  std::string out = "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  if (quiet) out += "<Quiet>true</Quiet>";
  for (const std::string& k : keys) {
    out += "<Object><Key>";
    AppendEscaped(out, k);
    out += "</Key></Object>";
  }
  out += "</Delete>";
  return out;
}

std::string BuildCreateBucketXml(const std::string& location_constraint) {
  std::string out =
      "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<LocationConstraint>";
  AppendEscaped(out, location_constraint);
  out += "</LocationConstraint></CreateBucketConfiguration>";
  return out;
}

}  // namespace s3c::s3
