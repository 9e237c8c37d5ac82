// Where data lives, as a person writes it on the command line or in a pipeline file, and the
// factory that opens the matching ObjectStore.
//   s3://bucket/key/prefix      S3 (key taken literally: no percent-decoding, as the AWS CLI)
//   file:///abs/path            a local path (also file://localhost/abs and file:/abs)
//   /abs/path, rel/path, ./x    a local path
//   mem://name/key              an in-memory space (MemoryStoreRegistry)
//   -                           stdin / stdout (the CLI handles it; it opens no store)
// A local path splits into the folder the store is rooted at and a key: "data/in/x.csv" is
// root "data/in", key "x.csv"; "data/in/" (trailing '/'), ".", ".." and "/" are folders with
// key "". Files written, listed and deleted stay inside that root.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/store/object_store.h"
#include "s3c/store/s3_object_store.h"

namespace s3c {

class S3Client;

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

struct StoreContext {
  // The client for s3:// URIs; `s3_client_for`, when set, is asked instead (e.g. one client per
  // bucket region). Not owned; must outlive the stores opened.
  S3Client* s3 = nullptr;
  std::function<Result<S3Client*>(const std::string& bucket)> s3_client_for;
  S3ObjectStoreOptions s3_options;
  // Spaces for mem:// URIs. Not owned. Without it, mem:// is refused.
  MemoryStoreRegistry* memory = nullptr;
  Clock* clock = nullptr;  // stamps local and memory writes; null = the system clock
};

// The store at the URI's root (bucket, folder or space); address objects with `uri.key`.
// kStdio is InvalidArgument (the caller reads stdin / writes stdout itself).
Result<std::unique_ptr<ObjectStore>> OpenObjectStore(const StoreUri& uri,
                                                     const StoreContext& context);

}  // namespace s3c
