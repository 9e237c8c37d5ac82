// Tokens of the filter language (a SQL WHERE subset). Keywords are not distinguished from
// identifiers here: the parser compares identifier text case-insensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "s3c/expr/filter.h"

namespace s3c::expr {

enum class TokenKind {
  kIdentifier,  // bare word (text as written)
  kQuotedName,  // "name" (text unescaped: "" -> ")
  kString,      // 'text' (text unescaped: '' -> ')
  kInteger,     // digits
  kFloat,       // digits with '.' or exponent
  kSymbol,      // ( ) , + - * / // % || = == <> != < <= > >= ::
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  SourcePos pos;
};

// The tokens of `text`, ending with one kEnd token. Errors (InvalidArgument) name the position:
// "unterminated string at 1:7", "unexpected character '$' at 2:3".
Result<std::vector<Token>> Tokenize(std::string_view text);

// "end of input", "\"name\"", "'text'" or the token text: how errors show a token.
std::string DescribeToken(const Token& token);

}  // namespace s3c::expr
