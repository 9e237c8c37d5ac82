// Every kind of mistake in a pipeline file, with its exact message and position, all reported
// at once and sorted; secrets never appear in any message.
#include <gtest/gtest.h>

#include "pipeline/pipeline_test_util.h"

namespace s3c::pipeline {
namespace {

using testing::Errors;
using testing::Load;
using Lines = std::vector<std::string>;

TEST(PipelineErrorsTest, YamlSyntaxAndDuplicateKeys) {
  EXPECT_EQ(Errors("sources: [a\ndestinations: {}\n"),
            Lines{"p.yaml:2:13: YAML syntax: end of sequence flow not found"});
  EXPECT_EQ(Errors("sources:\n  a: {uri: s3://bkt/k}\n  a: {uri: s3://bkt/j}\n"),
            Lines{"p.yaml:3:3: key 'a' is given twice (first at line 2)"});
  EXPECT_EQ(Errors("- 1\n- 2\n"),
            Lines{"p.yaml:1:1: expected a map with sources:, destinations: and pipelines:, got "
                  "a list"});
}

TEST(PipelineErrorsTest, UnknownKeysSuggestTheClosest) {
  EXPECT_EQ(Errors(R"y(source:
  a: {uri: s3://bkt/k}
destinations:
  d: {uri: s3://bkt/o.csv, mod: replace, delimiter: ";"}
  e: {uri: s3://bkt/o.csv, colour: red}
)y"),
            (Lines{"p.yaml:1:1: unknown key 'source' at the top level (did you mean 'sources'?)",
                   "p.yaml:1:1: the file has no sources: (what to read)",
                   "p.yaml:4:28: unknown key 'mod' in destination 'd' (did you mean 'mode'?)",
                   "p.yaml:4:42: 'delimiter' is a source setting: a destination takes write "
                   "settings",
                   "p.yaml:5:28: unknown key 'colour' in destination 'e'"}));
}

TEST(PipelineErrorsTest, WrongTypes) {
  EXPECT_EQ(Errors(R"y(sources:
  a:
    uri: [s3://bkt/k]
    skip_rows: ten
    trim: maybe
    max_error_ratio: half
    null: {a: 1}
destinations:
  d: {uri: s3://bkt/o.csv, level: [1]}
)y"),
            (Lines{"p.yaml:3:10: uri: expected a value, got a list",
                   "p.yaml:4:16: skip_rows: expected a whole number, got 'ten'",
                   "p.yaml:5:11: trim: expected true or false, got 'maybe'",
                   "p.yaml:6:22: max_error_ratio: expected a number, got 'half'",
                   "p.yaml:7:11: null: expected a list of values, got a map",
                   "p.yaml:9:35: level: expected a whole number, got a list"}));
}

TEST(PipelineErrorsTest, MissingAndConflictingKeys) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {uri: s3://bkt/k, bucket: b}
  b: {bucket: bkt, key: k, path_prefix: p}
  c: {key: k}
  d: {format: csv}
  e: {uri: s3://bkt/k, aws_access_key_id: AKID1}
  f: {uri: s3://bkt/k, anonymous: true, profile: dev}
  g: {uri: s3://bkt/k, external_id: x}
  h: {uri: s3://bkt/k, format: csv, file_format: csv}
destinations:
  o: {bucket: bkt}
)y"),
            (Lines{"p.yaml:1:1: without pipelines:, a file holds one source and one destination "
                   "(this one has 8 and 1): add pipelines: with from and to",
                   "p.yaml:2:24: 'bucket' and 'uri' both say where the data is: give uri, or "
                   "bucket with key or path_prefix",
                   "p.yaml:3:28: 'path_prefix' and 'key' both name the data: key is one object "
                   "(or a glob), path_prefix a folder of many",
                   "p.yaml:4:7: 'key' needs 'bucket' (or give a whole uri)",
                   "p.yaml:5:3: source 'd' says nowhere where the data is: give uri, or bucket "
                   "with key or path_prefix",
                   "p.yaml:6:24: 'aws_access_key_id' needs 'aws_secret_access_key' too",
                   "p.yaml:7:41: 'profile' signs requests, and anonymous: true sends them "
                   "unsigned: keep one",
                   "p.yaml:8:24: 'external_id' goes with role_arn",
                   "p.yaml:9:37: 'format' and 'file_format' are the same setting: keep one",
                   "p.yaml:11:7: a destination needs key (one object) or path_prefix (a "
                   "dataset) beside bucket"}));
}

TEST(PipelineErrorsTest, ABucketIsCheckedAsInAUri) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {bucket: "my bucket", key: k.csv}
destinations:
  o: {uri: s3://bkt/o.csv}
)y"),
            Lines{"p.yaml:2:15: bucket: 's3://my bucket/' is not a valid location: bucket name "
                  "'my bucket' may hold only lower-case letters, digits, '.' and '-'"});
}

TEST(PipelineErrorsTest, UnknownWords) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {uri: s3://bkt/k, format: xls}
  b: {uri: s3://bkt/k, header: maybe}
  c: {uri: s3://bkt/k, connector: gcs}
  d: {uri: s3://bkt/k, url_style: sideways}
  e: {uri: "s3a://b/k"}
destinations:
  m: {uri: s3://bkt/o.csv, mode: upsert}
  z: {uri: s3://bkt/o.parquet, compression: lzma9}
)y"),
            (Lines{"p.yaml:1:1: without pipelines:, a file holds one source and one destination "
                   "(this one has 5 and 2): add pipelines: with from and to",
                   "p.yaml:2:32: unknown format 'xls' (expected csv, tsv, json, jsonl, ndjson, "
                   "parquet or text)",
                   "p.yaml:3:32: header: 'maybe' is not yes, no or auto",
                   "p.yaml:4:35: unknown connector 'gcs': use s3 or local",
                   "p.yaml:5:35: url_style: unknown style 'sideways': use path, virtual or auto",
                   "p.yaml:6:12: uri: 's3a://b/k' is not a valid location: unsupported scheme "
                   "'s3a' (did you mean s3://?): use s3://, file://, mem:// or a path",
                   "p.yaml:8:34: unknown mode 'upsert': use error, ignore, append, replace or "
                   "overwrite_partitions",
                   "p.yaml:9:45: compression lzma9: Parquet codecs are snappy, zstd, gzip, "
                   "lz4_raw, brotli, none"}));
}

TEST(PipelineErrorsTest, ConnectorsAndDestinations) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {connector: local, uri: s3://bkt/k}
  b: {uri: /data/in/, region: eu-west-1}
destinations:
  g: {uri: "s3://bkt/out/*.csv"}
  s: {uri: s3://bkt/one.parquet, partition_by: [day]}
)y"),
            (Lines{"p.yaml:1:1: without pipelines:, a file holds one source and one destination "
                   "(this one has 2 and 2): add pipelines: with from and to",
                   "p.yaml:2:18: connector local does not match 's3://bkt/k': give a local path or "
                   "a file:// URI",
                   "p.yaml:3:23: 'region' is a setting of connector s3, and source 'b' is a "
                   "local path",
                   "p.yaml:5:12: 's3://bkt/out/*.csv': a destination names one object or a "
                   "prefix, never a glob",
                   "p.yaml:6:48: partition_by writes a dataset of many files, and "
                   "'s3://bkt/one.parquet' names one object: give a prefix (path_prefix, or a URI "
                   "ending in '/')"}));
}

TEST(PipelineErrorsTest, PipelinesNameWhatExists) {
  EXPECT_EQ(Errors(R"y(sources:
  orders: {uri: s3://bkt/k.csv}
  events: {uri: s3://bkt/e.jsonl}
destinations:
  out: {uri: s3://bkt/o.parquet}
pipelines:
  p1: {from: order, to: [out, outt]}
  p2: {to: out, limt: 5}
  p3: {from: events, to: out, limit: -1, cast: {a: int65}, rename: {a: x, b: x}}
  p4: {from: events, to: []}
)y"),
            (Lines{"p.yaml:7:14: from: no source named 'order' (did you mean 'orders'?)",
                   "p.yaml:7:25: to: no destination named 'outt' (did you mean 'out'?)",
                   "p.yaml:8:3: pipeline 'p2' needs 'from' (a source)",
                   "p.yaml:8:17: unknown key 'limt' in pipeline 'p2' (did you mean 'limit'?)",
                   "p.yaml:9:38: limit: expected 0 or more rows",
                   "p.yaml:9:52: cast.a: schema 'int65': expected a type name, not 'int65' at "
                   "position 6",
                   "p.yaml:9:78: rename.b: two columns are renamed to 'x'",
                   "p.yaml:10:26: to: give at least one destination"}));
}

// A filter's syntax is checked at load, on the source and on the pipeline (its columns are
// bound when the run knows the schema).
TEST(PipelineErrorsTest, FilterSyntaxIsCheckedBeforeRunning) {
  EXPECT_EQ(Errors(R"y(sources:
  orders: {uri: s3://bkt/in/, where: "day >= "}
destinations:
  out: {uri: s3://bkt/o.parquet}
pipelines:
  p1: {from: orders, to: out, where: "x = = 3"}
)y"),
            (Lines{"p.yaml:2:38: where: expected an operand at 1:8, found end of input",
                   "p.yaml:6:38: where: expected an operand at 1:5, found \"=\""}));
}

TEST(PipelineErrorsTest, ShortFormNeedsOneSourceAndOneDestination) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {uri: s3://bkt/k.csv}
  b: {uri: s3://bkt/j.csv}
destinations:
  out: {uri: s3://bkt/o.parquet}
)y"),
            Lines{"p.yaml:1:1: without pipelines:, a file holds one source and one destination "
                  "(this one has 2 and 1): add pipelines: with from and to"});
}

TEST(PipelineErrorsTest, InterpolationErrorsNameTheVariableAndItsLine) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {uri: "s3://${BUCKET_IN}/k.csv"}
destinations:
  out: {uri: "s3://${OUT_BUCKET}/o.parquet", region: "${REGION:?the output region}"}
)y"),
            (Lines{"p.yaml:2:12: environment variable BUCKET_IN is not set (give it a value, or "
                   "a default: ${BUCKET_IN:-...})",
                   "p.yaml:4:54: environment variable REGION is not set: the output region"}));
}

TEST(PipelineErrorsTest, OverrideErrorsNameTheOverride) {
  constexpr const char* kFile = R"y(sources: {a: {uri: s3://bkt/k.csv}}
destinations: {o: {uri: s3://bkt/o.csv}}
)y";
  // Malformed overrides are reported before any validation.
  EXPECT_EQ(Errors(kFile, {"sources.a.uri", "sources.a.uri.x=1"}),
            (Lines{"--set sources.a.uri: give a dotted path and a value: --set "
                   "sources.NAME.KEY=VALUE",
                   "--set sources.a.uri.x: 'sources.a.uri' is a value, not a map: the path "
                   "cannot go through it"}));
  // A value an override gives is checked like the file's, and named by its path.
  EXPECT_EQ(Errors(kFile, {"destinations.o.mode=upsert", "sources.a.colour=red"}),
            (Lines{"--set destinations.o.mode: unknown mode 'upsert': use error, ignore, append, "
                   "replace or overwrite_partitions",
                   "--set sources.a.colour: unknown key 'colour' in source 'a'"}));
}

// A secret, written or interpolated, never appears: not in errors about it, not in errors that
// quote a value equal to it, not in the summary.
TEST(PipelineErrorsTest, SecretsNeverAppear) {
  const std::string secret = testing::TestEnv().Get("AWS_SECRET_ACCESS_KEY").value();
  const std::string key_id = testing::TestEnv().Get("AWS_ACCESS_KEY_ID").value();
  std::vector<std::string> lines = Errors(R"y(sources:
  a:
    uri: s3://bkt/k.csv
    aws_access_key_id: ${AWS_ACCESS_KEY_ID}
    aws_secret_access_key: ${AWS_SECRET_ACCESS_KEY}
    aws_session_token: [literal-token-value]
    region: ${AWS_SECRET_ACCESS_KEY}
    header: ${AWS_SECRET_ACCESS_KEY}
    skip_rows: literal-secret-2
  b:
    uri: s3://bkt/k.csv
    aws_access_key_id: AKIDLITERAL
    aws_secret_access_key: literal-secret-2
    header: ${AWS_SECRET_ACCESS_KEY}
destinations:
  o: {uri: s3://bkt/o.csv}
pipelines:
  p: {from: a, to: o}
)y");
  ASSERT_EQ(lines.size(), 3u);
  for (const std::string& line : lines) {
    for (const std::string& hidden : {secret, key_id, std::string("literal-secret-2"),
                                      std::string("AKIDLITERAL")}) {
      EXPECT_EQ(line.find(hidden), std::string::npos) << line;
    }
  }
  EXPECT_EQ(lines[0], "p.yaml:6:24: aws_session_token: expected a value, got a list");
  EXPECT_EQ(lines[1], "p.yaml:9:16: skip_rows: expected a whole number, got '***'");
  EXPECT_EQ(lines[2], "p.yaml:14:13: header: '***' is not yes, no or auto");
}

}  // namespace
}  // namespace s3c::pipeline
