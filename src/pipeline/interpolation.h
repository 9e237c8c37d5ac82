// Interpolation of environment variables into a pipeline file's values. It runs on the parsed
// tree (after YAML parsing), so a variable's value is only ever the text of one value: it can
// never add keys, lists or documents to the structure. Keys are not interpolated.
//
//   ${NAME}            the variable's value; an error when it is not set
//   ${NAME:-default}   the value, or `default` when the variable is unset or empty
//   ${NAME:?message}   the value; an error with `message` when it is unset or empty
//   $$                 a literal '$'
// Any other '$' is kept as it is. NAME is letters, digits and '_', not starting with a digit.
// The default and the message are literal text (no nested ${...}) up to the first '}'.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/config_errors.h"
#include "pipeline/config_tree.h"
#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/secret_values.h"

namespace s3c::pipeline {

// `text` interpolated. InvalidArgument (without a position: the caller has it):
//   "environment variable NAME is not set (give it a value, or a default: ${NAME:-...})"
//   "environment variable NAME is not set: <message>"
//   "'${' without a closing '}'"
//   "'${<inside>}' is not a variable: a name is letters, digits and '_', not starting with a
//    digit"
Result<std::string> Interpolate(std::string_view text, const Env& env);

// Interpolates every scalar of `root` in place; each failure is added to `errors` at the
// value's position, as is a value that contains a line break once interpolated. The values of
// secret keys (IsSecretKey), as interpolated, are added to `secrets`, also when they fail to
// interpolate (their text as written then).
void InterpolateTree(ConfigNode& root, const Env& env, ConfigErrors& errors,
                     SecretValues& secrets);

}  // namespace s3c::pipeline
