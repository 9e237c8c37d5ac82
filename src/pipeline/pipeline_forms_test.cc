// The forms users already have in their files load unchanged, and each source and destination
// gets its own store settings and its settings as given.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pipeline/pipeline_test_util.h"

namespace s3c::pipeline {
namespace {

using testing::Load;

// The seed forms of issue 12, as written (tests/pipelines/seed_forms.yaml).
std::string SeedForms() {
  std::ifstream in(std::string(S3C_PIPELINE_TEST_DIR) + "/seed_forms.yaml");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << "tests/pipelines/seed_forms.yaml";
  return text.str();
}

TEST(PipelineFormsTest, SeedFormsLoad) {
  auto file = Load(SeedForms());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->sources.size(), 2u);
  const SourceSpec& uri_form = file->sources[0];
  EXPECT_EQ(uri_form.name, "s3_data");
  EXPECT_EQ(uri_form.connector, Connector::kS3);
  EXPECT_EQ(uri_form.uri, "s3://my-bucket/data/file.csv");
  EXPECT_EQ(uri_form.store.s3.access_key_id, "AKIDFROMENV123");
  EXPECT_EQ(uri_form.store.s3.secret_access_key.Reveal(), "wJalrXUtnFEMI-secret-from-env");
  const SourceSpec& bucket_form = file->sources[1];
  EXPECT_EQ(bucket_form.uri, "s3://my-bucket/data/file.csv");
  EXPECT_EQ(bucket_form.read.format, "csv");
  // No keys: the AWS chain.
  EXPECT_TRUE(bucket_form.store.s3.access_key_id.empty());
  EXPECT_TRUE(bucket_form.store.s3.secret_access_key.empty());
  ASSERT_EQ(file->destinations.size(), 1u);
  const DestinationSpec& out = file->destinations[0];
  EXPECT_EQ(out.uri, "s3://my-output-bucket/output/results.parquet");
  EXPECT_TRUE(out.single_object);
  EXPECT_EQ(out.checked.format, formats::FileFormat::kParquet);
  EXPECT_EQ(out.checked.mode, WriteMode::kReplace);
  ASSERT_EQ(file->pipelines.size(), 2u);
  EXPECT_EQ(file->pipelines[0].from, "s3_data");
  EXPECT_EQ(file->pipelines[0].to, std::vector<std::string>{"s3_output"});
  EXPECT_EQ(file->pipelines[1].to, std::vector<std::string>{"s3_output"});
}

TEST(PipelineFormsTest, OneSourceAndOneDestinationNeedNoPipelines) {
  auto file = Load(R"y(sources:
  in: {uri: "s3://bkt/in/*.csv.gz"}
destinations:
  out: {uri: "file:///tmp/out/", format: parquet}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->pipelines.size(), 1u);
  EXPECT_EQ(file->pipelines[0].name, "in_to_out");
  EXPECT_EQ(file->pipelines[0].from, "in");
  EXPECT_EQ(file->pipelines[0].to, std::vector<std::string>{"out"});
  EXPECT_EQ(file->sources[0].uri, "s3://bkt/in/*.csv.gz");
  EXPECT_EQ(file->destinations[0].connector, Connector::kLocal);
  EXPECT_FALSE(file->destinations[0].single_object);
}

TEST(PipelineFormsTest, EveryConnectionKey) {
  auto file = Load(R"y(sources:
  lake:
    bucket: lake
    path_prefix: orders
    file_format: csv
    compression: gzip
    region: eu-west-1
    endpoint_url: http://127.0.0.1:9000
    url_style: path
    profile: reader
    role_arn: arn:aws:iam::1:role/r
    external_id: ext
  public:
    uri: s3://open-data/x.parquet
    anonymous: true
  folder:
    connector: local
    uri: /data/in/
destinations:
  other_account:
    bucket: ${OUT_BUCKET}
    path_prefix: /out/
    format: parquet
    aws_access_key_id: AKIDOTHER
    aws_secret_access_key: other-secret-value
    aws_session_token: other-session-token
pipelines:
  p: {from: lake, to: other_account}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const SourceSpec& lake = file->sources[0];
  EXPECT_EQ(lake.uri, "s3://lake/orders/");
  EXPECT_EQ(lake.read.format, "csv");
  EXPECT_EQ(lake.read.compression, "gzip");
  EXPECT_EQ(lake.store.s3.region, "eu-west-1");
  EXPECT_EQ(lake.store.s3.endpoint_url, "http://127.0.0.1:9000");
  EXPECT_EQ(lake.store.s3.url_style, "path");
  EXPECT_EQ(lake.store.s3.profile, "reader");
  EXPECT_EQ(lake.store.s3.role_arn, "arn:aws:iam::1:role/r");
  EXPECT_EQ(lake.store.s3.external_id, "ext");
  EXPECT_TRUE(file->sources[1].store.s3.no_sign_request);
  EXPECT_EQ(file->sources[2].connector, Connector::kLocal);
  EXPECT_EQ(file->sources[2].uri, "/data/in/");
  const DestinationSpec& out = file->destinations[0];
  EXPECT_EQ(out.uri, "s3://out-bucket/out/");
  EXPECT_FALSE(out.single_object);
  // Each endpoint keeps its own keys: the source's chain, the destination's explicit keys.
  EXPECT_TRUE(lake.store.s3.access_key_id.empty());
  EXPECT_EQ(out.store.s3.access_key_id, "AKIDOTHER");
  EXPECT_EQ(out.store.s3.session_token.Reveal(), "other-session-token");
}

TEST(PipelineFormsTest, EveryReadOptionOfTheCliIsAKey) {
  auto file = Load(R"y(sources:
  s:
    uri: s3://bkt/p/
    format: csv
    columns: [a, b]
    delimiter: ";"
    quote: "'"
    escape: "\\"
    header: "no"
    skip_rows: 2
    comment: "#"
    null: ["NA", ""]
    encoding: latin-1
    invalid_utf8: replace
    ragged: pad
    trim: true
    threads: 2
    skip_empty_lines: yes
    line_numbers: ln
    flatten: true
    binary_as_string: true
    types: "a:int64"
    infer_rows: 50
    infer_files: 3
    infer_decimals: true
    bad_records: quarantine
    max_errors: 10
    max_error_ratio: 0.5
    quarantine: s3://bkt/bad.jsonl
    where: "a > 1"
    partitioning: "{year}/{month}"
    partition_types: "year:int"
    exclude: "*.tmp"
    regex: "part-.*"
    min_size: 1KiB
    max_size: 5GiB
    modified_after: 7d
    modified_before: "2024-03-05"
    max_files: 100
    max_bytes: 10GiB
    objects_in_flight: 4
    decode_threads: 2
    memory: 512MiB
    unordered: true
destinations:
  d: {uri: "out/", format: jsonl, compression: zstd, level: 3, json_non_finite: "null",
      mode: append, partition_by: "year, month", file_name: "{run}-{part}{ext}",
      max_file_size: 64MiB, max_rows_per_file: 1000, max_partitions: 50, memory: 256MiB}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const ReadSettings& r = file->sources[0].read;
  EXPECT_EQ(r.columns, "a,b");
  EXPECT_EQ(r.delimiter, ";");
  EXPECT_EQ(r.escape, "\\");
  EXPECT_EQ(r.header, "no");
  EXPECT_EQ(r.skip_rows, 2);
  EXPECT_EQ(r.null_strings, (std::vector<std::string>{"NA", ""}));
  EXPECT_TRUE(r.trim);
  EXPECT_EQ(r.threads, 2);
  EXPECT_TRUE(r.skip_empty_lines);
  EXPECT_DOUBLE_EQ(r.max_error_ratio, 0.5);
  EXPECT_EQ(r.exclude, std::vector<std::string>{"*.tmp"});
  EXPECT_EQ(r.modified_after, "7d");
  EXPECT_EQ(r.objects_in_flight, 4);
  EXPECT_TRUE(r.unordered);
  const DestinationSpec& d = file->destinations[0];
  EXPECT_EQ(d.checked.format, formats::FileFormat::kJsonLines);
  EXPECT_EQ(d.checked.format_options.compression, Codec::kZstd);
  EXPECT_EQ(d.checked.format_options.compress.level, 3);
  EXPECT_EQ(d.checked.mode, WriteMode::kAppend);
  EXPECT_EQ(d.checked.partition_by, (std::vector<std::string>{"year", "month"}));
  EXPECT_EQ(d.checked.max_partitions, 50);
}

TEST(PipelineFormsTest, PipelineSteps) {
  auto file = Load(R"y(sources: {s: {uri: "s3://bkt/k.csv"}}
destinations: {a: {uri: "a.parquet"}, b: {uri: "b.csv"}}
pipelines:
  p:
    from: s
    to: [a, b]
    select: "x, y"
    where: "x > 1"
    rename: {x: ex, y: why}
    cast: {x: "decimal(10,2)", y: string}
    limit: 10
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const PipelineSpec& p = *file->FindPipeline("p");
  EXPECT_EQ(p.to, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p.select, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(p.where, "x > 1");
  ASSERT_EQ(p.transform.rename.size(), 2u);
  EXPECT_EQ(p.transform.rename[1], (std::pair<std::string, std::string>{"y", "why"}));
  ASSERT_EQ(p.transform.cast.size(), 2u);
  EXPECT_EQ(p.transform.cast[0].second, columnar::Decimal128(10, 2));
  EXPECT_EQ(p.transform.cast[1].second, columnar::String());
  EXPECT_EQ(p.transform.limit, 10);
}

TEST(PipelineFormsTest, OverridesReplaceAndAddValues) {
  auto file = Load(SeedForms(), {"sources.s3_data.uri=s3://other/x.csv",
                           "destinations.s3_output.mode=ignore",
                           "sources.s3_data_2.header=auto"});
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->sources[0].uri, "s3://other/x.csv");
  EXPECT_EQ(file->sources[1].read.header, "auto");
  EXPECT_EQ(file->destinations[0].checked.mode, WriteMode::kIgnore);
}

TEST(PipelineFormsTest, SummaryIsShortAndRedacted) {
  auto file = Load(SeedForms());
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(PipelineSummary(*file),
            "p.yaml: valid: 2 pipelines, 2 sources, 1 destination\n"
            "pipeline first: s3_data -> s3_output\n"
            "  read   s3://my-bucket/data/file.csv (format auto; keys ***)\n"
            "  write  s3://my-output-bucket/output/results.parquet (one object, format parquet, "
            "mode replace; AWS credentials chain)\n"
            "pipeline second: s3_data_2 -> s3_output\n"
            "  read   s3://my-bucket/data/file.csv (format csv; AWS credentials chain)\n"
            "  write  s3://my-output-bucket/output/results.parquet (one object, format parquet, "
            "mode replace; AWS credentials chain)\n");
}

}  // namespace
}  // namespace s3c::pipeline
