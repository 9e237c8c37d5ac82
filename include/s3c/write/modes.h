// Write modes (docs/commit-protocol.md): what a write does to a target that already exists,
// for a dataset prefix and for a single key, and the check made before anything is read.
//
//  mode                  prefix (dataset with a commit log)         single key
//  error (default)       fail if it exists: checked here and again   fail if it exists: checked
//                        at commit (the first record is created      here (HEAD) and on publish
//                        with If-None-Match: of two runs one wins)   (If-None-Match)
//  ignore                write nothing if it exists (same checks)    same, skip instead of fail
//  append                new files beside the old ones               refused (FailedPrecondition)
//  replace               exactly the new output afterwards (zero     plain overwrite
//                        rows too); old files deleted after commit
//  overwrite_partitions  partitions present in the new data are      refused (FailedPrecondition)
//                        replaced; zero rows change nothing
#pragma once

#include <string>
#include <string_view>

#include "s3c/common/status.h"
#include "s3c/store/object_store.h"

namespace s3c::write {

enum class WriteMode { kError, kIgnore, kAppend, kReplace, kOverwritePartitions };

// "error", "ignore", "append", "replace", "overwrite_partitions".
std::string_view WriteModeName(WriteMode mode);
// InvalidArgument listing the names for any other text.
Result<WriteMode> ParseWriteMode(std::string_view name);

enum class WriteTarget {
  kPrefix,  // a dataset of many files under a prefix ("" or ending in '/')
  kKey,     // one object
};

struct WritePlan {
  // ignore mode, and the target exists: read nothing, write nothing.
  bool skip = false;
  // Whether the check found the target (only error and ignore check; false otherwise).
  bool target_exists = false;
  // kKey: the options to open the key's writer with (If-None-Match for error and ignore, so the
  // publish itself fails if another run created the key meanwhile).
  WriteOptions key_options;
  std::string summary;  // one line: what the mode will do to the target
};

// The check before reading: for error and ignore, whether the target exists (a prefix: one LIST
// with max-keys 1, where any key counts, commit records too; a key: one HEAD); other modes send
// nothing. Errors: FailedPrecondition naming the target for error mode when it exists (the
// message names the setting as `mode_name`: "mode" in a pipeline file, "--mode" on the command
// line), and for append / overwrite_partitions to a single key; the store's errors.
Result<WritePlan> PlanWrite(ObjectStore& store, const std::string& target, WriteTarget kind,
                            WriteMode mode, std::string_view mode_name = "mode");

// For error and ignore on a single key, called after the last Write and before Close(): one
// HEAD. True: publish (Close). False (ignore: another run created the key meanwhile): abort the
// writer, nothing is published. FailedPrecondition for error in that case (abort the writer).
// Why: AWS S3 checks If-None-Match on PutObject and on CompleteMultipartUpload, but Ceph RGW
// (16.2, the test server) checks it on PutObject only and lets CompleteMultipartUpload
// overwrite an existing key (write/commit_rgw_test.cc shows both). Above the part size this
// HEAD narrows the window to one request there; on AWS the publish itself stays the check.
// Other modes: true, nothing sent.
Result<bool> CheckKeyBeforePublish(ObjectStore& store, const std::string& key, WriteMode mode);

// What a single key writer's Close() status means under `mode`. A FailedPrecondition from
// If-None-Match (another run created the key after the plan): error mode fails with a
// message naming the key and the mode; ignore mode returns false (skipped, nothing written by
// this run). OK returns true; other errors pass through.
Result<bool> FinishKeyWrite(const Status& closed, const std::string& uri, WriteMode mode);

}  // namespace s3c::write
