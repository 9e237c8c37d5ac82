// The aws-c-auth SigV4 suite (../shared/corpora/sigv4/v4): every case is signed twice, once with
// headers (SignRequestStages) and once as a presigned URL (PresignStages), and every stage is
// compared: canonical request, string to sign, signature, and the signed request (Authorization
// and all headers) or the signed URL. SigV4Suite.EveryCasePasses asserts how many cases there
// are and that all of them pass, so a case that goes missing or fails shows in one number.
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
#include "support/corpus.h"

namespace s3c {
namespace {

using sigv4::HeaderList;
using sigv4::SignOptions;

constexpr char kAbsent[] = "corpus_absent";
constexpr char kCorpus[] = "sigv4/v4";
// Case folders in the suite (each with a request.txt), and those known to fail: none. A case
// listed here must fail; one that passes is reported so the list stays exact.
constexpr size_t kExpectedCases = 38;
const std::vector<std::string> kKnownFailures = {};

std::optional<std::string> SuiteDir() { return testing::CorpusDir(kCorpus); }

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

// The stages of header signing that differ from the suite's files ("" when all match).
std::vector<std::string> HeaderSigningMismatches(const std::string& name) {
  Case c = LoadCase(name);
  auto stages = sigv4::SignRequestStages(c.request, c.creds, c.params, c.options);
  if (!stages.ok()) return {"signing failed: " + stages.status().ToString()};
  std::vector<std::string> bad;
  auto check = [&](const std::string& what, const auto& got, const auto& want) {
    if (got != want) bad.push_back(what);
  };
  check("canonical request", stages->canonical_request,
        ReadFile(c.dir / "header-canonical-request.txt"));
  check("string to sign", stages->string_to_sign, ReadFile(c.dir / "header-string-to-sign.txt"));
  check("signature", stages->signature, ReadFile(c.dir / "header-signature.txt"));
  Message expected = ParseMessage(ReadFile(c.dir / "header-signed-request.txt"));
  std::string want_auth;
  for (const auto& [n, v] : expected.headers) {
    if (IEquals(n, "authorization")) want_auth = v;
  }
  check("Authorization", c.request.headers.Get("Authorization"), want_auth);
  check("signed headers", HeaderLines(c.request.headers.entries()), HeaderLines(expected.headers));
  check("URL", c.request.url, "http://example.amazonaws.com" + RequestTarget(expected.start_line));
  return bad;
}

// The stages of query (presigned URL) signing that differ from the suite's files.
std::vector<std::string> QuerySigningMismatches(const std::string& name) {
  Case c = LoadCase(name);
  HeaderList before = c.request.headers.entries();
  auto presigned = sigv4::PresignStages(c.request, c.creds, c.params, c.expires, c.options);
  if (!presigned.ok()) return {"presigning failed: " + presigned.status().ToString()};
  std::vector<std::string> bad;
  auto check = [&](const std::string& what, const auto& got, const auto& want) {
    if (got != want) bad.push_back(what);
  };
  check("canonical request", presigned->stages.canonical_request,
        ReadFile(c.dir / "query-canonical-request.txt"));
  check("string to sign", presigned->stages.string_to_sign,
        ReadFile(c.dir / "query-string-to-sign.txt"));
  check("signature", presigned->stages.signature, ReadFile(c.dir / "query-signature.txt"));
  Message expected = ParseMessage(ReadFile(c.dir / "query-signed-request.txt"));
  check("URL", presigned->url, "http://example.amazonaws.com" + RequestTarget(expected.start_line));
  // Presigning does not touch the request's headers.
  check("headers after presigning", HeaderLines(c.request.headers.entries()), HeaderLines(before));
  check("request headers", HeaderLines(before), HeaderLines(expected.headers));
  return bad;
}

class SigV4SuiteTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == kAbsent) {
      S3C_CORPUS_DIR_OR_SKIP(dir, kCorpus);  // absent at discovery, present now: rerun discovery
      FAIL() << "the corpus appeared at " << dir << " after the cases were listed";
    }
  }
  bool KnownFailure() const {
    return std::find(kKnownFailures.begin(), kKnownFailures.end(), GetParam()) !=
           kKnownFailures.end();
  }
};

TEST_P(SigV4SuiteTest, HeaderSigning) {
  if (KnownFailure()) GTEST_SKIP() << "known failure, checked by SigV4Suite.EveryCasePasses";
  EXPECT_EQ(HeaderSigningMismatches(GetParam()), std::vector<std::string>{});
}

TEST_P(SigV4SuiteTest, QuerySigning) {
  if (KnownFailure()) GTEST_SKIP() << "known failure, checked by SigV4Suite.EveryCasePasses";
  EXPECT_EQ(QuerySigningMismatches(GetParam()), std::vector<std::string>{});
}

TEST(SigV4Suite, EveryCasePasses) {
  S3C_CORPUS_DIR_OR_SKIP(dir, kCorpus);
  std::vector<std::string> names = CaseNames();
  EXPECT_EQ(names.size(), kExpectedCases) << "cases in " << dir;
  size_t passed = 0;
  std::vector<std::string> failed;
  for (const std::string& name : names) {
    if (HeaderSigningMismatches(name).empty() && QuerySigningMismatches(name).empty()) {
      ++passed;
    } else {
      failed.push_back(name);
    }
  }
  EXPECT_EQ(passed, kExpectedCases - kKnownFailures.size());
  EXPECT_EQ(failed, kKnownFailures);
}

INSTANTIATE_TEST_SUITE_P(AwsCAuth, SigV4SuiteTest, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace s3c
