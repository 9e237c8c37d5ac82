// For dataset and write tests on the loopback RGW server: a StoreResolver made as the CLI makes
// it, with a fresh prefix of the test bucket, and a Parquet object written from CSV text
// through the format writer. Header-only: include it where s3c_dataset is linked.
#pragma once

#include <memory>
#include <string>

#include "s3c/dataset/lake_read.h"
#include "s3c/formats/format_registry.h"
#include "s3c/store/store_resolver.h"
#include "support/rgw_stack.h"

namespace s3c::testing {

struct RgwRoot {
  std::unique_ptr<StoreResolver> stores;
  std::string uri;              // s3://bucket/<unique name>/
  ObjectStore* store = nullptr;  // the bucket's store (owned by `stores`)
  std::string key;              // the prefix, as a key of `store`
};

// A resolver on `s3` (RgwStackOptions, maybe adjusted) and a prefix no other test uses.
inline Result<RgwRoot> MakeRgwRoot(const RgwSettings& rgw, const S3StackOptions& s3,
                                   const std::string& name) {
  RgwRoot out;
  StoreResolverOptions options;
  options.s3 = s3;
  S3C_ASSIGN_OR_RETURN(out.stores, StoreResolver::Make(options, IsolatedAwsEnv()));
  out.uri = "s3://" + rgw.bucket + "/" + UniqueName(name) + "/";
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, out.stores->Resolve(out.uri));
  out.store = loc.store;
  out.key = loc.key;
  return out;
}

struct WrittenParquet {
  int64_t rows = 0;
  std::shared_ptr<formats::Schema> schema;  // as read from the CSV
};

// Writes `csv` (staged in the memory space "parquet-source" under `key`) as Parquet at `key`
// of `store`, with `options`.
inline Result<WrittenParquet> PutParquetFromCsv(StoreResolver& stores, ObjectStore& store,
                                         const std::string& key, const std::string& csv,
                                         const formats::FormatWriteOptions& options = {}) {
  const std::string staged = "mem://parquet-source/" + key + ".csv";
  S3C_ASSIGN_OR_RETURN(StoreLocation mem, stores.Resolve(staged));
  S3C_RETURN_IF_ERROR(mem.store->Put(mem.key, csv).status());
  S3C_ASSIGN_OR_RETURN(dataset::LakeRead source, dataset::OpenLakeRead(stores, staged, {}));
  S3C_ASSIGN_OR_RETURN(auto out, store.OpenOutput(key));
  S3C_ASSIGN_OR_RETURN(auto writer,
                       formats::OpenFormatWriter(std::move(out), formats::FileFormat::kParquet,
                                                 source.scan->schema(), options));
  WrittenParquet written;
  written.schema = source.scan->schema();
  while (true) {
    S3C_ASSIGN_OR_RETURN(auto batch, source.scan->Next());
    if (batch == nullptr) break;
    written.rows += batch->num_rows();
    S3C_RETURN_IF_ERROR(writer->Write(*batch));
  }
  S3C_RETURN_IF_ERROR(writer->Close());
  return written;
}

}  // namespace s3c::testing
