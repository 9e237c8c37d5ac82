#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/codec_test_util.h"
#include "s3c/codec/codec.h"
#include "s3c/codec/zip_reader.h"
#include "s3c/io/local_file.h"
#include "support/host_program.h"

namespace s3c {
namespace {

using codec_testing::CompressibleBytes;
using codec_testing::RandomBytes;
using ::testing::HasSubstr;

uint32_t Crc32(const std::string& s) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char c : s) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

void Put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>((v >> 8) & 0xff);
}
void Put32(std::string& s, uint32_t v) {
  Put16(s, v & 0xffff);
  Put16(s, v >> 16);
}

// A stored-method zip (APPNOTE 4.3.7, 4.3.12, 4.3.16) built by hand.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body, central;
  for (const auto& [name, data] : files) {
    uint32_t offset = static_cast<uint32_t>(body.size());
    std::string common;
    Put16(common, 0);  // flags
    Put16(common, 0);  // method: stored
    Put32(common, 0);  // time, date
    Put32(common, Crc32(data));
    Put32(common, static_cast<uint32_t>(data.size()));
    Put32(common, static_cast<uint32_t>(data.size()));
    Put16(common, static_cast<uint32_t>(name.size()));
    Put16(common, 0);  // extra length
    Put32(body, 0x04034b50);
    Put16(body, 10);
    body += common + name + data;
    Put32(central, 0x02014b50);
    Put16(central, 10);
    Put16(central, 10);
    central += common;
    Put16(central, 0);  // comment
    Put16(central, 0);  // disk
    Put16(central, 0);  // internal attributes
    Put32(central, 0);  // external attributes
    Put32(central, offset);
    central += name;
  }
  std::string end;
  Put32(end, 0x06054b50);
  Put32(end, 0);
  Put16(end, static_cast<uint32_t>(files.size()));
  Put16(end, static_cast<uint32_t>(files.size()));
  Put32(end, static_cast<uint32_t>(central.size()));
  Put32(end, static_cast<uint32_t>(body.size()));
  Put16(end, 0);
  return body + central + end;
}

class StringFile final : public RandomAccessFile {
 public:
  explicit StringFile(std::string data) : data_(std::move(data)) {}
  Result<uint64_t> Size() override { return uint64_t{data_.size()}; }
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    if (offset >= data_.size()) return size_t{0};
    size_t step = std::min<size_t>(n, data_.size() - offset);
    std::memcpy(out, data_.data() + offset, step);
    return step;
  }

 private:
  std::string data_;
};

std::string ReadAllOf(InputStream& in) { return in.ReadAll().value_or("<error>"); }

TEST(ZipTest, HandBuiltStoredZipReadMemberByMemberAndAsAStream) {
  std::string a = CompressibleBytes(5000, 1), b = RandomBytes(70000, 2);
  std::string zip = StoredZip({{"a.csv", a}, {"dir/", ""}, {"b.bin", b}});
  EXPECT_EQ(DetectCodec(zip.substr(0, 16), "x"), Codec::kZip);
  auto reader = ZipReader::Open(std::make_shared<StringFile>(zip), "s3://b/a.zip");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_EQ((*reader)->members().size(), 3u);
  EXPECT_EQ((*reader)->members()[0].name, "a.csv");
  EXPECT_EQ((*reader)->members()[0].uncompressed_size, a.size());
  EXPECT_TRUE((*reader)->members()[1].is_directory());
  auto mb = (*reader)->OpenMember("b.bin");
  ASSERT_TRUE(mb.ok());
  EXPECT_TRUE(ReadAllOf(**mb) == b);
  auto ma = (*reader)->OpenMember(size_t{0});
  ASSERT_TRUE(ma.ok());
  EXPECT_TRUE(ReadAllOf(**ma) == a);
  EXPECT_EQ((*reader)->OpenMember("missing").status().code(), StatusCode::kNotFound);

  auto streamed = Decompress(Codec::kZip, zip, codec_testing::Named("s3://b/a.zip"));
  ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
  EXPECT_TRUE(*streamed == a + b);
}

TEST(ZipTest, CorruptMemberCrcAndTruncatedArchive) {
  std::string a = CompressibleBytes(5000, 1);
  std::string zip = StoredZip({{"a.csv", a}});
  std::string bad = zip;
  bad[30 + 5 + 100] ^= 1;  // a byte of a.csv's data
  auto reader = ZipReader::Open(std::make_shared<StringFile>(bad), "s3://b/a.zip");
  ASSERT_TRUE(reader.ok());
  auto m = (*reader)->OpenMember(size_t{0});
  ASSERT_TRUE(m.ok());
  auto out = (*m)->ReadAll();
  EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(out.status().message(), HasSubstr("zip member a.csv corrupt at byte"));
  EXPECT_THAT(out.status().message(), HasSubstr("s3://b/a.zip: CRC-32"));
  EXPECT_EQ(Decompress(Codec::kZip, bad).status().code(), StatusCode::kDataLoss);

  auto cut = Decompress(Codec::kZip, zip.substr(0, 1000), codec_testing::Named("k.zip"));
  EXPECT_EQ(cut.status().message(),
            "zip member a.csv truncated at byte 1000 of k.zip: expected 4035 more stored bytes");
  EXPECT_EQ(
      ZipReader::Open(std::make_shared<StringFile>(zip.substr(0, 1000)), "k.zip").status().code(),
      StatusCode::kDataLoss);
}

TEST(ZipTest, ArchiveMadeByTheZipToolWithDeflateAndStoredMembers) {
  S3C_PROGRAM_OR_SKIP("zip");
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "codec_zip_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::string a = CompressibleBytes(400000, 1), b = RandomBytes(100000, 2), c = "tiny\n";
  std::ofstream(dir / "a.csv", std::ios::binary) << a;
  std::ofstream(dir / "b.bin", std::ios::binary) << b;
  std::ofstream(dir / "sub" / "c.txt", std::ios::binary) << c;
  std::string cmd = "cd " + dir.string() + " && zip -q -r archive.zip a.csv b.bin sub" +
                    " && zip -q -0 stored.zip a.csv && cat a.csv | zip -q - - > piped.zip";
  ASSERT_EQ(std::system(cmd.c_str()), 0);

  auto file = OpenLocalRandomAccess((dir / "archive.zip").string());
  ASSERT_TRUE(file.ok());
  auto reader = ZipReader::Open(std::shared_ptr<RandomAccessFile>(std::move(*file)), "archive.zip");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::map<std::string, std::string> want = {{"a.csv", a}, {"b.bin", b}, {"sub/c.txt", c}};
  int files = 0;
  for (size_t i = 0; i < (*reader)->members().size(); ++i) {
    const ZipMember& m = (*reader)->members()[i];
    if (m.is_directory()) continue;
    ++files;
    auto in = (*reader)->OpenMember(i);
    ASSERT_TRUE(in.ok()) << m.name;
    EXPECT_TRUE(ReadAllOf(**in) == want[m.name]) << m.name;
    if (m.name == "a.csv") {
      EXPECT_EQ(m.method, 8);
    }
  }
  EXPECT_EQ(files, 3);

  for (const char* name : {"archive.zip", "stored.zip", "piped.zip"}) {
    auto in = OpenLocalInput((dir / name).string());
    ASSERT_TRUE(in.ok());
    auto dec = OpenAutoDecompressor(std::move(*in), name);
    ASSERT_TRUE(dec.ok());
    auto all = (*dec)->ReadAll();
    ASSERT_TRUE(all.ok()) << name << ": " << all.status().ToString();
    std::string expected = std::string(name) == "archive.zip" ? a + b + c : a;
    EXPECT_TRUE(*all == expected) << name << " gave " << all->size() << " bytes";
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace s3c
