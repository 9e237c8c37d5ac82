// Loading pipeline text in tests: a fixed environment and clock, the errors as lines.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "s3c/common/strings.h"
#include "s3c/pipeline/pipeline_file.h"

namespace s3c::pipeline::testing {

inline MapEnv& TestEnv() {
  static MapEnv env(std::map<std::string, std::string>{{"AWS_ACCESS_KEY_ID", "AKIDFROMENV123"},
                     {"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret-from-env"},
                     {"OUT_BUCKET", "out-bucket"}});
  return env;
}

inline Result<PipelineFile> Load(const std::string& text,
                                 std::vector<std::string> overrides = {}) {
  LoadOptions o;
  o.origin = "p.yaml";
  o.env = &TestEnv();
  o.overrides = std::move(overrides);
  o.now = WallTime() + std::chrono::hours(24 * 365 * 50);
  return LoadPipeline(text, o);
}

// The error lines of a file that must fail (one entry "loaded" when it did not).
inline std::vector<std::string> Errors(const std::string& text,
                                       std::vector<std::string> overrides = {}) {
  auto r = Load(text, std::move(overrides));
  if (r.ok()) return {"loaded"};
  return Split(r.status().message(), '\n');
}

}  // namespace s3c::pipeline::testing
