// String functions and LIKE over string vectors.
#include <fmt/format.h>
#include <re2/re2.h>

#include "expr/eval_internal.h"
#include "expr/text_ops.h"

namespace s3c::expr {
namespace {

Vec AllValid(const std::vector<Vec>& args, ExprType type) {
  Vec out = Vec::Nulls(type, args[0].length);
  for (size_t i = 0; i < out.valid.size(); ++i) {
    uint8_t valid = 1;
    for (const Vec& arg : args) valid &= arg.valid[i];
    out.valid[i] = valid;
  }
  return out;
}

template <typename F>
Vec MapStrings(const std::vector<Vec>& args, F f) {
  Vec mask = AllValid(args, ExprType::kString);
  StringVecBuilder builder(mask.length);
  for (size_t i = 0; i < mask.valid.size(); ++i) {
    if (!mask.valid[i]) {
      builder.AppendNull();
      continue;
    }
    size_t start = builder.arena().size();
    f(i, &builder.arena());
    builder.Commit(start);
  }
  return builder.Finish();
}

template <typename F>
Vec MapToInts(const std::vector<Vec>& args, ExprType type, F f) {
  Vec out = AllValid(args, type);
  for (size_t i = 0; i < out.valid.size(); ++i) {
    if (out.valid[i]) out.ints[i] = f(i);
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// concat: NULL arguments are skipped (DuckDB), so the result is never NULL.
Vec ConcatSkippingNulls(const std::vector<Vec>& args) {
  StringVecBuilder builder(args[0].length);
  for (size_t i = 0; i < static_cast<size_t>(args[0].length); ++i) {
    size_t start = builder.arena().size();
    for (const Vec& arg : args) {
      if (arg.valid[i]) builder.arena().append(arg.strings[i]);
    }
    builder.Commit(start);
  }
  return builder.Finish();
}

}  // namespace

Result<Vec> EvalStringCall(const BoundNode& node, const std::vector<Vec>& args) {
  const Vec& a = args[0];
  switch (node.function) {
    case Function::kLower:
      return MapStrings(args, [&](size_t i, std::string* out) { AppendLower(a.strings[i], out); });
    case Function::kUpper:
      return MapStrings(args, [&](size_t i, std::string* out) { AppendUpper(a.strings[i], out); });
    case Function::kTrim:
      return MapStrings(args,
                        [&](size_t i, std::string* out) { out->append(TrimSpaces(a.strings[i])); });
    case Function::kSubstr:
      return MapStrings(args, [&](size_t i, std::string* out) {
        int64_t length = args.size() > 2 ? args[2].ints[i] : INT64_MAX;
        out->append(Substring(a.strings[i], args[1].ints[i], length));
      });
    case Function::kConcat:
      return ConcatSkippingNulls(args);
    case Function::kLength:
      return MapToInts(args, ExprType::kInt64,
                       [&](size_t i) { return CountCharacters(a.strings[i]); });
    case Function::kStartsWith:
      return MapToInts(args, ExprType::kBool, [&](size_t i) {
        return int64_t{a.strings[i].starts_with(args[1].strings[i])};
      });
    case Function::kEndsWith:
      return MapToInts(args, ExprType::kBool, [&](size_t i) {
        return int64_t{a.strings[i].ends_with(args[1].strings[i])};
      });
    case Function::kContains:
      return MapToInts(args, ExprType::kBool, [&](size_t i) {
        return int64_t{a.strings[i].find(args[1].strings[i]) != std::string_view::npos};
      });
    case Function::kRegexpMatches: {
      const re2::RE2& regex = *node.regex;
      return MapToInts(args, ExprType::kBool, [&](size_t i) {
        return int64_t{re2::RE2::PartialMatch(a.strings[i], regex)};
      });
    }
    default:
      return InternalError(fmt::format("{} is not a string function", node.op_text));
  }
}

Result<Vec> EvalLike(const BoundNode& node, const Vec& text, const Vec& pattern) {
  char escape = node.like_escape.empty() ? 0 : node.like_escape[0];
  Vec out = AllValid({text, pattern}, ExprType::kBool);
  std::string folded_text, folded_pattern;
  for (size_t i = 0; i < out.valid.size(); ++i) {
    if (!out.valid[i]) continue;
    bool match;
    if (node.case_insensitive) {
      folded_text.clear();
      folded_pattern.clear();
      AppendLower(text.strings[i], &folded_text);
      AppendLower(pattern.strings[i], &folded_pattern);
      match = LikeMatch(folded_text, folded_pattern, escape);
    } else {
      match = LikeMatch(text.strings[i], pattern.strings[i], escape);
    }
    out.ints[i] = match != node.negated;
  }
  return out;
}

}  // namespace s3c::expr
