// The errors of loading one pipeline file, collected so that every one is reported at once,
// each with its position, sorted by position, with every secret redacted.
#pragma once

#include <string>
#include <vector>

#include "pipeline/config_tree.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/secret_values.h"

namespace s3c::pipeline {

class ConfigErrors {
 public:
  void Add(const Position& at, std::string message);
  bool empty() const { return errors_.empty(); }
  size_t size() const { return errors_.size(); }
  // "<position>: <message>" per error, sorted by position (PositionBefore), secrets redacted.
  std::vector<std::string> Lines(const SecretValues& secrets) const;
  // InvalidArgument whose message is Lines() joined by newlines; OK when there is none.
  Status ToStatus(const SecretValues& secrets) const;

 private:
  struct Error {
    Position at;
    std::string message;
  };
  std::vector<Error> errors_;
};

// ` (did you mean 'x'?)` for the closest of `known` within a small edit distance of `word`,
// or "".
std::string DidYouMean(const std::string& word, const std::vector<std::string>& known);

}  // namespace s3c::pipeline
