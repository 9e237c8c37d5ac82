// Where data lives, as a person writes it on the command line or in a pipeline file.
// StoreResolver (store_resolver.h) opens the matching ObjectStore.
//   s3://bucket/key/prefix      S3 (key taken literally: no percent-decoding, as the AWS CLI)
//   file:///abs/path            a local path (also file://localhost/abs and file:/abs)
//   /abs/path, rel/path, ./x    a local path
//   mem://name/key              an in-memory space
//   -                           stdin / stdout (opens no store)
// A local path splits into the folder the store is rooted at and a key: "data/in/x.csv" is
// root "data/in", key "x.csv"; "data/in/" (trailing '/'), ".", ".." and "/" are folders with
// key "". Files written, listed and deleted stay inside that root.
#pragma once

#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c {

enum class StoreKind { kS3, kLocal, kMemory, kStdio };

struct StoreUri {
  StoreKind kind = StoreKind::kLocal;
  std::string bucket;  // kS3: the bucket; kMemory: the space name
  std::string root;    // kLocal: the folder, as written (relative paths stay relative)
  std::string key;     // the key or key prefix inside the store ("" = all of it)

  // Canonical text: "s3://b/k", "file:///abs/k" or "rel/k" as given, "mem://n/k", "-".
  std::string ToString() const;
};

// InvalidArgument with the reason for text that is none of the forms above ("s3:/bucket",
// "s3://", "gs://b", "file://host/x", "mem://", "").
Result<StoreUri> ParseStoreUri(std::string_view text);

}  // namespace s3c
