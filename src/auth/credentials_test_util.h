// Helpers shared by the credentials tests: config files in a temp HOME, a loopback HTTP client,
// canned STS answers and the secret-leak assertion.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/common/strings.h"
#include "s3c/http/http_client.h"
#include "support/rgw_env.h"

namespace s3c::testing {

// Every secret the tests hand out; none may appear in any error message.
inline const char* const kTestSecrets[] = {"envSecretKEY0000000000000000000000000000",
                                           "envSessionTOKEN",
                                           "baseSecretKEY000000000000000000000000000",
                                           "roleSecretKEY",
                                           "roleSessionTOKEN",
                                           "midSecretKEY",
                                           "midSessionTOKEN",
                                           "processSecretKEY",
                                           "processSessionTOKEN",
                                           "ssoAccessTOKEN",
                                           "ssoSecretKEY",
                                           "ssoSessionTOKEN",
                                           "ecsAuthTOKEN",
                                           "ecsSecretKEY",
                                           "ecsSessionTOKEN",
                                           "imdsSecretKEY",
                                           "imdsSessionTOKEN",
                                           "imdsApiTOKEN",
                                           "webIdentityJWT",
                                           "explicitSecretKEY"};

inline void ExpectNoSecrets(const Status& s) {
  std::string text = s.ToString();
  for (const char* secret : kTestSecrets) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "secret leaked: " << text;
  }
}

inline void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A temp HOME with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE inside it and IMDS disabled.
struct AwsHome {
  TempDir dir;
  MapEnv env;
  AwsHome() {
    env.Set("HOME", dir.path());
    env.Set("AWS_CONFIG_FILE", config_path());
    env.Set("AWS_SHARED_CREDENTIALS_FILE", credentials_path());
    env.Set("AWS_EC2_METADATA_DISABLED", "true");
  }
  std::string config_path() const { return dir.path() + "/aws/config"; }
  std::string credentials_path() const { return dir.path() + "/aws/credentials"; }
  void Config(const std::string& text) const { WriteFile(config_path(), text); }
  void Credentials(const std::string& text) const { WriteFile(credentials_path(), text); }
};

inline std::unique_ptr<HttpClient> LoopbackClient() {
  HttpClientOptions o;
  o.connect_timeout = std::chrono::milliseconds(2000);
  auto c = MakeCurlHttpClient(o);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return std::move(c).value();
}

inline std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  for (const std::string& kv : Split(body, '&')) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos) continue;
    out[kv.substr(0, eq)] = UriDecode(kv.substr(eq + 1), true).value_or("<bad>");
  }
  return out;
}

// A successful STS answer for `action` (AssumeRole / AssumeRoleWithWebIdentity).
inline std::string StsCredentialsXml(const std::string& action, const std::string& key,
                                     const std::string& secret, const std::string& token,
                                     const std::string& expiration = "2023-11-14T23:13:20Z") {
  return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action +
         "Result><Credentials><AccessKeyId>" + key + "</AccessKeyId><SecretAccessKey>" + secret +
         "</SecretAccessKey><SessionToken>" + token + "</SessionToken><Expiration>" + expiration +
         "</Expiration></Credentials></" + action +
         "Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></" + action +
         "Response>";
}

inline std::string StsErrorXml(const std::string& code, const std::string& message) {
  return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
         "</Type><Code>" +
         code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-err</RequestId></ErrorResponse>";
}

}  // namespace s3c::testing
