#include "s3/xml_parsers.h"

#include <gtest/gtest.h>

namespace s3c::s3 {
namespace {

// As RGW answers with encoding-type=url: '/' stays literal in CommonPrefixes but is encoded in
// keys; other characters are encoded in both.
constexpr const char* kRgwListing = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>b</Name><Prefix>dir%2F</Prefix><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter>
  <IsTruncated>true</IsTruncated><EncodingType>url</EncodingType>
  <NextContinuationToken>tok/1+=</NextContinuationToken>
  <Contents><Key>dir%2Fa%20b%2Bc.csv</Key><LastModified>2024-05-01T10:20:30.000Z</LastModified>
    <ETag>"abc123"</ETag><Size>42</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>dir%2Fcaf%C3%A9%25~</Key><LastModified>2024-05-01T10:20:31Z</LastModified>
    <ETag>&quot;def-2&quot;</ETag><Size>0</Size></Contents>
  <CommonPrefixes><Prefix>dir/sub%20dir/</Prefix></CommonPrefixes>
  <CommonPrefixes><Prefix>dir%2Fx%2By%2F</Prefix></CommonPrefixes>
</ListBucketResult>)";

TEST(XmlParsers, ListObjectsV2DecodesKeysAndPrefixes) {
  Result<ListObjectsPage> page = ParseListObjectsV2(kRgwListing, true);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->objects.size(), 2u);
  EXPECT_EQ(page->objects[0].key, "dir/a b+c.csv");
  EXPECT_EQ(page->objects[0].size, 42u);
  EXPECT_EQ(page->objects[0].etag, "abc123");
  EXPECT_EQ(page->objects[0].last_modified, WallTime(std::chrono::seconds(1714558830)));
  EXPECT_EQ(page->objects[1].key, "dir/caf\xC3\xA9%~");
  EXPECT_EQ(page->objects[1].etag, "def-2");
  ASSERT_EQ(page->common_prefixes.size(), 2u);
  EXPECT_EQ(page->common_prefixes[0], "dir/sub dir/");
  EXPECT_EQ(page->common_prefixes[1], "dir/x+y/");
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->next_continuation_token, "tok/1+=");  // tokens are opaque: not decoded
}

TEST(XmlParsers, ListWithoutEncodingTypeIsLiteral) {
  Result<ListObjectsPage> page = ParseListObjectsV2(
      "<ListBucketResult><IsTruncated>false</IsTruncated>"
      "<Contents><Key>a%20b+c</Key><Size>1</Size></Contents></ListBucketResult>",
      true);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->objects[0].key, "a%20b+c");
  EXPECT_FALSE(page->is_truncated);
}

TEST(XmlParsers, ListRejectsGarbage) {
  EXPECT_FALSE(ParseListObjectsV2("<notxml", true).ok());
  EXPECT_FALSE(ParseListObjectsV2("<Other/>", true).ok());
  EXPECT_FALSE(ParseListObjectsV2("<ListBucketResult><Contents><Key>k</Key><Size>x</Size>"
                                  "</Contents></ListBucketResult>",
                                  true)
                   .ok());
  EXPECT_FALSE(ParseListObjectsV2("<ListBucketResult><IsTruncated>true</IsTruncated>"
                                  "</ListBucketResult>",
                                  true)
                   .ok());
}

TEST(XmlParsers, ErrorDocument) {
  Result<S3ErrorDocument> e = ParseErrorDocument(
      "<Error><Code>AuthorizationHeaderMalformed</Code><Message>wrong region</Message>"
      "<Region>eu-west-2</Region><RequestId>r1</RequestId></Error>");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->code, "AuthorizationHeaderMalformed");
  EXPECT_EQ(e->message, "wrong region");
  EXPECT_EQ(e->region, "eu-west-2");
  EXPECT_EQ(e->request_id, "r1");
  // RGW: empty message.
  Result<S3ErrorDocument> rgw = ParseErrorDocument(
      "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><BucketName>b</BucketName>"
      "<RequestId>tx1</RequestId><HostId>h</HostId></Error>");
  ASSERT_TRUE(rgw.ok());
  EXPECT_EQ(rgw->code, "NoSuchKey");
  EXPECT_EQ(rgw->message, "");
  EXPECT_FALSE(ParseErrorDocument("<ListBucketResult/>").ok());
  EXPECT_TRUE(IsErrorDocument("<?xml version=\"1.0\"?>\n<Error><Code>X</Code></Error>"));
  EXPECT_FALSE(IsErrorDocument("<CompleteMultipartUploadResult/>"));
  EXPECT_FALSE(IsErrorDocument(""));
}

TEST(XmlParsers, MultipartDocuments) {
  Result<std::string> id = ParseInitiateMultipartUpload(
      "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
      "<UploadId>2~abc</UploadId></InitiateMultipartUploadResult>");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "2~abc");
  EXPECT_FALSE(ParseInitiateMultipartUpload("<InitiateMultipartUploadResult/>").ok());

  Result<CompleteMultipartUploadResult> done = ParseCompleteMultipartUpload(
      "<CompleteMultipartUploadResult><ETag>\"abc-3\"</ETag></CompleteMultipartUploadResult>");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->etag, "abc-3");
  EXPECT_EQ(done->checksum_crc32c, "");
  EXPECT_EQ(done->checksum_type, "");
  done = ParseCompleteMultipartUpload(
      "<CompleteMultipartUploadResult><ETag>\"abc-2\"</ETag><ChecksumCRC32C>Zm9v-2"
      "</ChecksumCRC32C><ChecksumType>COMPOSITE</ChecksumType></CompleteMultipartUploadResult>");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->checksum_crc32c, "Zm9v-2");
  EXPECT_EQ(done->checksum_type, "COMPOSITE");

  Result<CompleteMultipartUploadResult> failed = ParseCompleteMultipartUpload(
      "<?xml version=\"1.0\"?>\n\n<Error><Code>InternalError</Code>"
      "<Message>We encountered an internal error.</Message><RequestId>r9</RequestId></Error>");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().context().s3_code, "InternalError");
  EXPECT_EQ(failed.status().context().request_id, "r9");

  std::string xml = BuildCompleteMultipartUploadXml({{1, "e1", ""}, {2, "\"e&2\"", ""}});
  EXPECT_NE(xml.find("<Part><PartNumber>1</PartNumber><ETag>\"e1\"</ETag></Part>"),
            std::string::npos);
  EXPECT_NE(xml.find("<ETag>\"e&amp;2\"</ETag>"), std::string::npos);
  EXPECT_EQ(xml.find("Checksum"), std::string::npos);
  xml = BuildCompleteMultipartUploadXml({{1, "e1", "mnG7TA=="}});
  EXPECT_NE(xml.find("<Part><PartNumber>1</PartNumber><ETag>\"e1\"</ETag>"
                     "<ChecksumCRC32C>mnG7TA==</ChecksumCRC32C></Part>"),
            std::string::npos)
      << xml;
}

TEST(XmlParsers, CopyAndDeleteResults) {
  EXPECT_EQ(*ParseCopyResult("<CopyObjectResult><ETag>\"c1\"</ETag></CopyObjectResult>"), "c1");
  EXPECT_EQ(*ParseCopyResult("<CopyPartResult><ETag>\"p1\"</ETag></CopyPartResult>"), "p1");
  EXPECT_FALSE(ParseCopyResult("<Error><Code>X</Code></Error>").ok());

  Result<std::vector<DeleteError>> d = ParseDeleteResult(
      "<DeleteResult><Deleted><Key>ok</Key></Deleted><Error><Key>k&lt;1</Key>"
      "<Code>AccessDenied</Code><Message>no</Message></Error></DeleteResult>");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ((*d)[0].key, "k<1");
  EXPECT_EQ((*d)[0].code, "AccessDenied");
  EXPECT_EQ(BuildDeleteObjectsXml({"a&b", "c"}, true),
            "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
            "<Object><Key>a&amp;b</Key></Object><Object><Key>c</Key></Object></Delete>");
}

// Shaped as the API reference's example, with encoding-type=url: two uploads of one key (in
// initiation order), one of a key with a space and a '+', a common prefix, a truncated page.
constexpr const char* kUploadsPage = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>b</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>
  <NextKeyMarker>run%2Fp%3D1%2Fb%20c%2Bd.parquet</NextKeyMarker>
  <NextUploadIdMarker>2~xyz</NextUploadIdMarker><EncodingType>url</EncodingType>
  <Prefix>run%2F</Prefix><MaxUploads>3</MaxUploads><IsTruncated>true</IsTruncated>
  <Upload><Key>run%2Fa.csv</Key><UploadId>1~abc</UploadId>
    <Initiator><ID>x</ID></Initiator><StorageClass>STANDARD</StorageClass>
    <Initiated>2024-05-01T10:20:30.000Z</Initiated></Upload>
  <Upload><Key>run%2Fa.csv</Key><UploadId>1~abd</UploadId>
    <Initiated>2024-05-01T10:20:31.000Z</Initiated></Upload>
  <Upload><Key>run%2Fp%3D1%2Fb%20c%2Bd.parquet</Key><UploadId>2~xyz</UploadId>
    <Initiated>2024-05-01T11:00:00Z</Initiated></Upload>
  <CommonPrefixes><Prefix>run%2Fsub%2F</Prefix></CommonPrefixes>
</ListMultipartUploadsResult>)";

TEST(XmlParsers, ListMultipartUploadsDecodesKeysAndMarkers) {
  Result<ListUploadsPage> page = ParseListMultipartUploads(kUploadsPage, true);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->uploads.size(), 3u);
  EXPECT_EQ(page->uploads[0].key, "run/a.csv");
  EXPECT_EQ(page->uploads[0].upload_id, "1~abc");
  EXPECT_EQ(page->uploads[0].initiated, WallTime(std::chrono::seconds(1714558830)));
  EXPECT_EQ(page->uploads[1].upload_id, "1~abd");
  EXPECT_EQ(page->uploads[1].initiated, WallTime(std::chrono::seconds(1714558831)));
  EXPECT_EQ(page->uploads[2].key, "run/p=1/b c+d.parquet");
  EXPECT_EQ(page->uploads[2].initiated, WallTime(std::chrono::seconds(1714561200)));
  ASSERT_EQ(page->common_prefixes.size(), 1u);
  EXPECT_EQ(page->common_prefixes[0], "run/sub/");
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->next_key_marker, "run/p=1/b c+d.parquet");
  EXPECT_EQ(page->next_upload_id_marker, "2~xyz");  // upload ids are opaque: not decoded
}

TEST(XmlParsers, ListMultipartUploadsEmptyAndLiteral) {
  Result<ListUploadsPage> empty = ParseListMultipartUploads(
      "<ListMultipartUploadsResult><Bucket>b</Bucket><IsTruncated>false</IsTruncated>"
      "<MaxUploads>1000</MaxUploads></ListMultipartUploadsResult>",
      true);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->uploads.empty());
  EXPECT_FALSE(empty->is_truncated);
  // A server that ignored encoding-type sends literal keys.
  Result<ListUploadsPage> literal = ParseListMultipartUploads(
      "<ListMultipartUploadsResult><Upload><Key>a%20b+c</Key><UploadId>u</UploadId>"
      "<Initiated>2024-05-01T10:20:30Z</Initiated></Upload></ListMultipartUploadsResult>",
      true);
  ASSERT_TRUE(literal.ok()) << literal.status().ToString();
  EXPECT_EQ(literal->uploads[0].key, "a%20b+c");
}

TEST(XmlParsers, ListMultipartUploadsRejectsGarbage) {
  EXPECT_FALSE(ParseListMultipartUploads("<ListBucketResult/>", true).ok());
  Result<ListUploadsPage> no_marker = ParseListMultipartUploads(
      "<ListMultipartUploadsResult><IsTruncated>true</IsTruncated>"
      "</ListMultipartUploadsResult>",
      true);
  ASSERT_FALSE(no_marker.ok());
  EXPECT_NE(no_marker.status().message().find("NextKeyMarker"), std::string::npos);
  Result<ListUploadsPage> bad_time = ParseListMultipartUploads(
      "<ListMultipartUploadsResult><Upload><Key>k1</Key><UploadId>u</UploadId>"
      "<Initiated>yesterday</Initiated></Upload></ListMultipartUploadsResult>",
      true);
  ASSERT_FALSE(bad_time.ok());
  EXPECT_NE(bad_time.status().message().find("'k1'"), std::string::npos);
  EXPECT_NE(bad_time.status().message().find("'yesterday'"), std::string::npos);
  EXPECT_FALSE(ParseListMultipartUploads(
                   "<ListMultipartUploadsResult><Upload><Key>k</Key>"
                   "<Initiated>2024-05-01T10:20:30Z</Initiated></Upload>"
                   "</ListMultipartUploadsResult>",
                   true)
                   .ok());
}

}  // namespace
}  // namespace s3c::s3
