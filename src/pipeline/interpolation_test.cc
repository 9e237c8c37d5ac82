// Interpolation of environment variables: each form, its errors, and that it happens after
// parsing (a value can never add structure).
#include "pipeline/interpolation.h"

#include <gtest/gtest.h>

#include "pipeline/yaml_tree.h"

namespace s3c::pipeline {
namespace {

MapEnv Env() {
  return MapEnv(std::map<std::string, std::string>{{"A", "alpha"}, {"EMPTY", ""}, {"DOLLAR", "${A}"}});
}

std::string Ok(std::string_view text) {
  auto r = Interpolate(text, Env());
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : "";
}

std::string Error(std::string_view text) {
  auto r = Interpolate(text, Env());
  return r.ok() ? "ok: " + *r : r.status().message();
}

TEST(InterpolationTest, Forms) {
  EXPECT_EQ(Ok("${A}"), "alpha");
  EXPECT_EQ(Ok("s3://${A}/k"), "s3://alpha/k");
  EXPECT_EQ(Ok("${EMPTY}"), "");
  EXPECT_EQ(Ok("${MISSING:-fallback}"), "fallback");
  EXPECT_EQ(Ok("${EMPTY:-fallback}"), "fallback");
  EXPECT_EQ(Ok("${A:-fallback}"), "alpha");
  EXPECT_EQ(Ok("${MISSING:-}"), "");
  EXPECT_EQ(Ok("${A:?needed}"), "alpha");
  EXPECT_EQ(Ok("cost $$5 and $$$$"), "cost $5 and $$");
  EXPECT_EQ(Ok("$A $ and $"), "$A $ and $");  // a lone '$' stays
  EXPECT_EQ(Ok("${DOLLAR}"), "${A}");  // a value is never interpolated again
}

TEST(InterpolationTest, Errors) {
  EXPECT_EQ(Error("${MISSING}"),
            "environment variable MISSING is not set (give it a value, or a default: "
            "${MISSING:-...})");
  EXPECT_EQ(Error("${MISSING:?set it to the bucket}"),
            "environment variable MISSING is not set: set it to the bucket");
  EXPECT_EQ(Error("${EMPTY:?}"), "environment variable EMPTY is not set");
  EXPECT_EQ(Error("x ${A"), "'${' without a closing '}'");
  EXPECT_EQ(Error("${1A}"), "'${1A}' is not a variable: a name is letters, digits and '_', not "
                            "starting with a digit");
  EXPECT_EQ(Error("${A:+x}"), "'${A:+x}': after the name write '}', ':-default' or ':?message'");
}

TEST(InterpolationTest, TreeErrorsHaveThePositionAndSecretsAreCollected) {
  auto root = ParseYaml("a:\n  uri: ${NOPE}\n  aws_secret_access_key: \"${A}\"\n"
                        "  b: \"x${NL}y\"\n",
                        "p.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  MapEnv env(std::map<std::string, std::string>{{"A", "s3cr3t-value"}, {"NL", "one\ntwo"}});
  ConfigErrors errors;
  SecretValues secrets;
  InterpolateTree(*root, env, errors, secrets);
  std::vector<std::string> lines = errors.Lines(secrets);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "p.yaml:2:8: environment variable NOPE is not set (give it a value, or a "
                      "default: ${NOPE:-...})");
  EXPECT_EQ(lines[1], "p.yaml:4:6: the value contains a line break; values are one line (a "
                      "block scalar '|' or '>' keeps line breaks: use '>-' or one line)");
  EXPECT_EQ(secrets.Redact("key s3cr3t-value!"), "key ***!");
}

TEST(InterpolationTest, ASecretThatFailsToInterpolateIsHiddenAsWritten) {
  auto root = ParseYaml("a: {aws_session_token: \"tok-123${NOPE}\"}\n", "p.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  ConfigErrors errors;
  SecretValues secrets;
  InterpolateTree(*root, MapEnv(), errors, secrets);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(secrets.Redact("value tok-123${NOPE}."), "value ***.");
}

TEST(InterpolationTest, ARedactedErrorKeepsItsCodeAndContextWithoutSecrets) {
  SecretValues secrets;
  secrets.Add("AKIDSECRET");
  Status st(StatusCode::kPermissionDenied, "pipeline p: access denied for AKIDSECRET");
  ErrorContext ctx;
  ctx.operation = "GetObject";
  ctx.resource = "s3://b/AKIDSECRET.csv";
  ctx.hint = "check the policy";
  st.SetContext(ctx);
  Status shown = secrets.Redact(st);
  EXPECT_EQ(shown.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(shown.ToString(), "PermissionDenied: GetObject s3://b/***.csv: pipeline p: access "
                              "denied for ***. Hint: check the policy");
  EXPECT_TRUE(secrets.Redact(Status::OK()).ok());
}

TEST(InterpolationTest, AValueCannotAddStructure) {
  // The variable holds YAML that would add a key if it were pasted into the text.
  auto root = ParseYaml("a:\n  b: ${V}\n", "p.yaml");
  ASSERT_TRUE(root.ok());
  MapEnv env(std::map<std::string, std::string>{{"V", "x, evil: [1]"}});
  ConfigErrors errors;
  SecretValues secrets;
  InterpolateTree(*root, env, errors, secrets);
  ASSERT_TRUE(errors.empty());
  const ConfigNode& a = root->entries[0].value;
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_EQ(a.entries[0].value.kind, ConfigNode::Kind::kScalar);
  EXPECT_EQ(a.entries[0].value.text, "x, evil: [1]");
}

}  // namespace
}  // namespace s3c::pipeline
