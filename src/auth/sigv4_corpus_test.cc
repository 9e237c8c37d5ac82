// The aws-c-auth SigV4 suite (../shared/corpora/sigv4/v4): every case is signed twice, once with
// headers (SignRequestStages) and once as a presigned URL (PresignStages), and every stage is
// compared: canonical request, string to sign, signature, and the signed request (Authorization
// and all headers) or the signed URL.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "auth/sigv4_internal.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"
#include "support/rgw_env.h"

namespace s3c {
namespace {

using sigv4::HeaderList;
using sigv4::SignOptions;

constexpr char kAbsent[] = "corpus_absent";

std::optional<std::string> SuiteDir() {
  if (auto dir = testing::CorpusDir("sigv4/v4")) return dir;
#ifdef S3C_CORPUS_SOURCE_DIR
  // gtest_discover_tests lists tests without the ctest ENVIRONMENT, so fall back to the
  // source tree this binary was built from; case names then match at run time.
  std::string dir = std::string(S3C_CORPUS_SOURCE_DIR) + "/../shared/corpora/sigv4/v4";
  if (std::filesystem::is_directory(dir)) return dir;
#endif
  return std::nullopt;
}

std::vector<std::string> CaseNames() {
  auto dir = SuiteDir();
  if (!dir) return {kAbsent};
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(*dir)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "request.txt")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// An HTTP/1.1 message as the suite writes it: request line, headers (a line starting with
// whitespace continues the previous value, kept with its line break), blank line, body.
struct Message {
  std::string start_line;
  HeaderList headers;
  std::string body;
};

Message ParseMessage(const std::string& text) {
  Message m;
  size_t pos = 0;
  bool first = true;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (first) {
      m.start_line = line;
      first = false;
      continue;
    }
    if (line.empty()) {
      if (pos < text.size()) m.body = text.substr(pos);
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !m.headers.empty()) {
      m.headers.back().second += "\n" + line;
      continue;
    }
    size_t colon = line.find(':');
    m.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  return m;
}

// The request target of "GET /path?query HTTP/1.1".
std::string RequestTarget(const std::string& start_line) {
  size_t a = start_line.find(' ');
  size_t b = start_line.rfind(' ');
  return start_line.substr(a + 1, b - a - 1);
}

// Flat JSON lookups for context.json (string, bool and number values).
std::string JsonRaw(const std::string& json, const std::string& key) {
  size_t k = json.find("\"" + key + "\"");
  if (k == std::string::npos) return "";
  size_t colon = json.find(':', k);
  size_t start = json.find_first_not_of(" \t\n", colon + 1);
  if (json[start] == '"') return json.substr(start + 1, json.find('"', start + 1) - start - 1);
  size_t end = json.find_first_of(",}\n", start);
  return std::string(Trim(json.substr(start, end - start)));
}

struct Case {
  std::filesystem::path dir;
  Credentials creds;
  SigningParams params;
  SignOptions options;
  std::chrono::seconds expires{0};
  HttpRequest request;
};

Case LoadCase(const std::string& name) {
  Case c;
  c.dir = std::filesystem::path(*SuiteDir()) / name;
  std::string ctx = ReadFile(c.dir / "context.json");
  c.creds.access_key_id = JsonRaw(ctx, "access_key_id");
  c.creds.secret_access_key = SecretString(JsonRaw(ctx, "secret_access_key"));
  c.creds.session_token = SecretString(JsonRaw(ctx, "token"));
  c.creds.provider = "corpus";
  c.params.region = JsonRaw(ctx, "region");
  c.params.service = JsonRaw(ctx, "service");
  c.params.time = *ParseIso8601(JsonRaw(ctx, "timestamp"));
  c.options.normalize_path = JsonRaw(ctx, "normalize") != "false";
  c.options.content_sha256_header = JsonRaw(ctx, "sign_body") == "true";
  c.options.omit_session_token = JsonRaw(ctx, "omit_session_token") == "true";
  c.options.presign_all_headers = true;
  c.expires = std::chrono::seconds(std::stoll(JsonRaw(ctx, "expiration_in_seconds")));

  Message m = ParseMessage(ReadFile(c.dir / "request.txt"));
  c.request.method = m.start_line.substr(0, m.start_line.find(' '));
  std::string host;
  for (const auto& [n, v] : m.headers) {
    if (IEquals(n, "host")) host = v;
    c.request.headers.Add(n, v);
  }
  c.request.url = "http://" + host + RequestTarget(m.start_line);
  if (!m.body.empty()) c.request.body = MakeBufferBody(m.body);
  return c;
}

// Headers as comparable lines: lower-case name, value as written.
std::vector<std::string> HeaderLines(const HeaderList& headers) {
  std::vector<std::string> lines;
  for (const auto& [n, v] : headers) lines.push_back(ToLower(n) + ":" + v);
  std::sort(lines.begin(), lines.end());
  return lines;
}

class SigV4SuiteTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == kAbsent) {
      GTEST_SKIP() << "SigV4 corpus not found: expected ../shared/corpora/sigv4/v4 next to the "
                      "source tree (set S3C_SOURCE_DIR); every golden SigV4 case is untested";
    }
  }
};

TEST_P(SigV4SuiteTest, HeaderSigning) {
  Case c = LoadCase(GetParam());
  auto stages = sigv4::SignRequestStages(c.request, c.creds, c.params, c.options);
  ASSERT_TRUE(stages.ok()) << stages.status().ToString();
  EXPECT_EQ(stages->canonical_request, ReadFile(c.dir / "header-canonical-request.txt"));
  EXPECT_EQ(stages->string_to_sign, ReadFile(c.dir / "header-string-to-sign.txt"));
  EXPECT_EQ(stages->signature, ReadFile(c.dir / "header-signature.txt"));

  Message expected = ParseMessage(ReadFile(c.dir / "header-signed-request.txt"));
  std::string want_auth;
  for (const auto& [n, v] : expected.headers) {
    if (IEquals(n, "authorization")) want_auth = v;
  }
  EXPECT_EQ(c.request.headers.Get("Authorization"), want_auth);
  EXPECT_EQ(HeaderLines(c.request.headers.entries()), HeaderLines(expected.headers));
  EXPECT_EQ(c.request.url, "http://example.amazonaws.com" + RequestTarget(expected.start_line));
}

TEST_P(SigV4SuiteTest, QuerySigning) {
  Case c = LoadCase(GetParam());
  HeaderList before = c.request.headers.entries();
  auto presigned = sigv4::PresignStages(c.request, c.creds, c.params, c.expires, c.options);
  ASSERT_TRUE(presigned.ok()) << presigned.status().ToString();
  EXPECT_EQ(presigned->stages.canonical_request, ReadFile(c.dir / "query-canonical-request.txt"));
  EXPECT_EQ(presigned->stages.string_to_sign, ReadFile(c.dir / "query-string-to-sign.txt"));
  EXPECT_EQ(presigned->stages.signature, ReadFile(c.dir / "query-signature.txt"));

  Message expected = ParseMessage(ReadFile(c.dir / "query-signed-request.txt"));
  EXPECT_EQ(presigned->url, "http://example.amazonaws.com" + RequestTarget(expected.start_line));
  // Presigning does not touch the request's headers.
  EXPECT_EQ(HeaderLines(c.request.headers.entries()), HeaderLines(before));
  EXPECT_EQ(HeaderLines(before), HeaderLines(expected.headers));
}

INSTANTIATE_TEST_SUITE_P(AwsCAuth, SigV4SuiteTest, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace s3c
