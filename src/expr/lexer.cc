#include "expr/lexer.h"

#include <fmt/format.h>

#include <cctype>

namespace s3c::expr {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentPart(char c) { return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    while (true) {
      SkipSpace();
      Token token;
      token.pos = pos_;
      if (i_ >= text_.size()) {
        out.push_back(std::move(token));
        return out;
      }
      char c = text_[i_];
      if (IsIdentStart(c)) {
        size_t start = i_;
        while (i_ < text_.size() && IsIdentPart(text_[i_])) Advance();
        token.kind = TokenKind::kIdentifier;
        token.text = std::string(text_.substr(start, i_ - start));
      } else if (IsDigit(c) || (c == '.' && i_ + 1 < text_.size() && IsDigit(text_[i_ + 1]))) {
        LexNumber(&token);
      } else if (c == '\'' || c == '"') {
        S3C_RETURN_IF_ERROR(LexQuoted(c, &token));
      } else {
        S3C_RETURN_IF_ERROR(LexSymbol(&token));
      }
      out.push_back(std::move(token));
    }
  }

 private:
  void Advance() {
    if (text_[i_] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    ++i_;
  }

  void SkipSpace() {
    while (i_ < text_.size()) {
      char c = text_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        Advance();
      } else if (c == '-' && i_ + 1 < text_.size() && text_[i_ + 1] == '-') {
        while (i_ < text_.size() && text_[i_] != '\n') Advance();  // -- comment
      } else {
        return;
      }
    }
  }

  void LexNumber(Token* token) {
    size_t start = i_;
    bool is_float = false;
    while (i_ < text_.size() && IsDigit(text_[i_])) Advance();
    if (i_ < text_.size() && text_[i_] == '.') {
      is_float = true;
      Advance();
      while (i_ < text_.size() && IsDigit(text_[i_])) Advance();
    }
    if (i_ < text_.size() && (text_[i_] == 'e' || text_[i_] == 'E')) {
      size_t k = i_ + 1;
      if (k < text_.size() && (text_[k] == '+' || text_[k] == '-')) ++k;
      if (k < text_.size() && IsDigit(text_[k])) {
        is_float = true;
        while (i_ < k) Advance();
        while (i_ < text_.size() && IsDigit(text_[i_])) Advance();
      }
    }
    token->kind = is_float ? TokenKind::kFloat : TokenKind::kInteger;
    token->text = std::string(text_.substr(start, i_ - start));
  }

  Status LexQuoted(char quote, Token* token) {
    SourcePos start = pos_;
    Advance();
    std::string value;
    while (true) {
      if (i_ >= text_.size()) {
        return InvalidArgumentError(fmt::format("unterminated {} at {}:{}",
                                                quote == '\'' ? "string" : "quoted name",
                                                start.line, start.column));
      }
      char c = text_[i_];
      Advance();
      if (c == quote) {
        if (i_ < text_.size() && text_[i_] == quote) {
          value.push_back(quote);
          Advance();
          continue;
        }
        break;
      }
      value.push_back(c);
    }
    token->kind = quote == '\'' ? TokenKind::kString : TokenKind::kQuotedName;
    token->text = std::move(value);
    return Status::OK();
  }

  Status LexSymbol(Token* token) {
    static constexpr std::string_view kTwo[] = {"//", "||", "==", "<>", "!=", "<=", ">=", "::"};
    token->kind = TokenKind::kSymbol;
    std::string_view rest = text_.substr(i_);
    for (std::string_view two : kTwo) {
      if (rest.substr(0, 2) == two) {
        token->text = std::string(two);
        Advance();
        Advance();
        return Status::OK();
      }
    }
    char c = text_[i_];
    if (std::string_view("(),+-*/%=<>").find(c) == std::string_view::npos) {
      return InvalidArgumentError(
          fmt::format("unexpected character '{}' at {}:{}", c, pos_.line, pos_.column));
    }
    token->text = std::string(1, c);
    Advance();
    return Status::OK();
  }

  std::string_view text_;
  size_t i_ = 0;
  SourcePos pos_;
};

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kQuotedName:
      return fmt::format("\"{}\"", token.text);
    case TokenKind::kString:
      return fmt::format("'{}'", token.text);
    default:
      return fmt::format("\"{}\"", token.text);
  }
}

}  // namespace s3c::expr
