// Recursive descent over the grammar in include/s3c/expr/filter.h; precedence from loosest:
// OR, AND, NOT, predicates (comparison, IS, IN, BETWEEN, LIKE), ||, + -, * / // %, unary -, ::.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "expr/ast.h"
#include "expr/lexer.h"
#include "s3c/common/strings.h"

namespace s3c::expr {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Words that end an operand, so they cannot be bare column names.
bool IsReserved(const std::string& upper) {
  static constexpr std::string_view kWords[] = {
      "AND",  "OR",   "NOT",  "IS",  "NULL", "IN",    "BETWEEN", "LIKE", "ILIKE", "ESCAPE",  "CASE",
      "WHEN", "THEN", "ELSE", "END", "TRUE", "FALSE", "CAST",    "AS",   "FROM",  "INTERVAL"};
  return std::find(std::begin(kWords), std::end(kWords), upper) != std::end(kWords);
}

std::unique_ptr<Ast> Node(AstKind kind, SourcePos pos, std::string text = {}) {
  auto node = std::make_unique<Ast>();
  node->kind = kind;
  node->pos = pos;
  node->text = std::move(text);
  return node;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<std::unique_ptr<Ast>> ParseAll() {
    S3C_ASSIGN_OR_RETURN(auto root, ParseOr());
    if (Peek().kind != TokenKind::kEnd) return Expected("an operator or end of input");
    return root;
  }

 private:
  using AstPtr = std::unique_ptr<Ast>;

  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(i_ + ahead, tokens_.size() - 1)];
  }
  Token Next() { return tokens_[i_ < tokens_.size() - 1 ? i_++ : i_]; }
  bool IsWord(std::string_view word, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && Upper(t.text) == word;
  }
  bool IsSymbol(std::string_view symbol) const {
    return Peek().kind == TokenKind::kSymbol && Peek().text == symbol;
  }
  bool AcceptWord(std::string_view word) {
    if (!IsWord(word)) return false;
    ++i_;
    return true;
  }
  bool AcceptSymbol(std::string_view symbol) {
    if (!IsSymbol(symbol)) return false;
    ++i_;
    return true;
  }
  Status Expected(std::string_view what) const {
    const Token& t = Peek();
    return InvalidArgumentError(fmt::format("expected {} at {}:{}, found {}", what, t.pos.line,
                                            t.pos.column, DescribeToken(t)));
  }
  Status ExpectSymbol(std::string_view symbol) {
    if (AcceptSymbol(symbol)) return Status::OK();
    return Expected(fmt::format("\"{}\"", symbol));
  }
  Status ExpectWord(std::string_view word) {
    if (AcceptWord(word)) return Status::OK();
    return Expected(word);
  }

  AstPtr Binary(std::string op, SourcePos pos, AstPtr a, AstPtr b) {
    auto node = Node(AstKind::kBinary, pos, std::move(op));
    node->args.push_back(std::move(a));
    node->args.push_back(std::move(b));
    return node;
  }

  Result<AstPtr> ParseOr() {
    S3C_ASSIGN_OR_RETURN(AstPtr left, ParseAnd());
    while (IsWord("OR")) {
      SourcePos pos = Next().pos;
      S3C_ASSIGN_OR_RETURN(AstPtr right, ParseAnd());
      left = Binary("OR", pos, std::move(left), std::move(right));
    }
    return left;
  }

  Result<AstPtr> ParseAnd() {
    S3C_ASSIGN_OR_RETURN(AstPtr left, ParseNot());
    while (IsWord("AND")) {
      SourcePos pos = Next().pos;
      S3C_ASSIGN_OR_RETURN(AstPtr right, ParseNot());
      left = Binary("AND", pos, std::move(left), std::move(right));
    }
    return left;
  }

  Result<AstPtr> ParseNot() {
    if (IsWord("NOT")) {
      SourcePos pos = Next().pos;
      S3C_ASSIGN_OR_RETURN(AstPtr operand, ParseNot());
      auto node = Node(AstKind::kUnary, pos, "NOT");
      node->args.push_back(std::move(operand));
      return node;
    }
    return ParsePredicate();
  }

  Result<AstPtr> ParsePredicate() {
    S3C_ASSIGN_OR_RETURN(AstPtr left, ParseConcat());
    static constexpr std::string_view kCompare[] = {"=", "==", "<>", "!=", "<", "<=", ">", ">="};
    if (Peek().kind == TokenKind::kSymbol &&
        std::find(std::begin(kCompare), std::end(kCompare), Peek().text) != std::end(kCompare)) {
      Token op = Next();
      std::string name = op.text == "==" ? "=" : op.text == "!=" ? "<>" : op.text;
      S3C_ASSIGN_OR_RETURN(AstPtr right, ParseConcat());
      return Binary(name, op.pos, std::move(left), std::move(right));
    }
    if (IsWord("IS")) {
      auto node = Node(AstKind::kIsNull, Next().pos);
      node->negated = AcceptWord("NOT");
      S3C_RETURN_IF_ERROR(ExpectWord("NULL"));
      node->args.push_back(std::move(left));
      return node;
    }
    bool negated = false;
    SourcePos pos = Peek().pos;
    if (IsWord("NOT") &&
        (IsWord("IN", 1) || IsWord("BETWEEN", 1) || IsWord("LIKE", 1) || IsWord("ILIKE", 1))) {
      negated = true;
      ++i_;
    }
    if (AcceptWord("IN")) return ParseInList(std::move(left), pos, negated);
    if (AcceptWord("BETWEEN")) {
      auto node = Node(AstKind::kBetween, pos);
      node->negated = negated;
      node->args.push_back(std::move(left));
      S3C_ASSIGN_OR_RETURN(AstPtr low, ParseConcat());
      S3C_RETURN_IF_ERROR(ExpectWord("AND"));
      S3C_ASSIGN_OR_RETURN(AstPtr high, ParseConcat());
      node->args.push_back(std::move(low));
      node->args.push_back(std::move(high));
      return node;
    }
    if (IsWord("LIKE") || IsWord("ILIKE")) {
      auto node = Node(AstKind::kLike, pos, Upper(Next().text));
      node->negated = negated;
      node->args.push_back(std::move(left));
      S3C_ASSIGN_OR_RETURN(AstPtr pattern, ParseConcat());
      node->args.push_back(std::move(pattern));
      if (AcceptWord("ESCAPE")) {
        S3C_ASSIGN_OR_RETURN(AstPtr escape, ParseConcat());
        node->args.push_back(std::move(escape));
      }
      return node;
    }
    return left;
  }

  Result<AstPtr> ParseInList(AstPtr left, SourcePos pos, bool negated) {
    auto node = Node(AstKind::kIn, pos);
    node->negated = negated;
    node->args.push_back(std::move(left));
    S3C_RETURN_IF_ERROR(ExpectSymbol("("));
    do {
      S3C_ASSIGN_OR_RETURN(AstPtr item, ParseOr());
      node->args.push_back(std::move(item));
    } while (AcceptSymbol(","));
    S3C_RETURN_IF_ERROR(ExpectSymbol(")"));
    return node;
  }

  template <typename Sub>
  Result<AstPtr> ParseLeftAssoc(std::initializer_list<std::string_view> ops, Sub sub) {
    S3C_ASSIGN_OR_RETURN(AstPtr left, (this->*sub)());
    while (Peek().kind == TokenKind::kSymbol &&
           std::find(ops.begin(), ops.end(), Peek().text) != ops.end()) {
      Token op = Next();
      S3C_ASSIGN_OR_RETURN(AstPtr right, (this->*sub)());
      left = Binary(op.text, op.pos, std::move(left), std::move(right));
    }
    return left;
  }
  Result<AstPtr> ParseConcat() { return ParseLeftAssoc({"||"}, &Parser::ParseSum); }
  Result<AstPtr> ParseSum() { return ParseLeftAssoc({"+", "-"}, &Parser::ParseProduct); }
  Result<AstPtr> ParseProduct() {
    return ParseLeftAssoc({"*", "/", "//", "%"}, &Parser::ParseUnary);
  }

  Result<AstPtr> ParseUnary() {
    if (IsSymbol("-") || IsSymbol("+")) {
      Token op = Next();
      S3C_ASSIGN_OR_RETURN(AstPtr operand, ParseUnary());
      if (op.text == "+") return operand;
      auto node = Node(AstKind::kUnary, op.pos, "-");
      node->args.push_back(std::move(operand));
      return node;
    }
    S3C_ASSIGN_OR_RETURN(AstPtr value, ParsePrimary());
    while (IsSymbol("::")) {
      SourcePos pos = Next().pos;
      S3C_ASSIGN_OR_RETURN(std::string type, ParseTypeName());
      auto cast = Node(AstKind::kCast, pos, std::move(type));
      cast->args.push_back(std::move(value));
      value = std::move(cast);
    }
    return value;
  }

  Result<std::string> ParseTypeName() {
    if (Peek().kind != TokenKind::kIdentifier) return Expected("a type name");
    return Upper(Next().text);
  }

  Result<AstPtr> Literal(LiteralKind kind, const Token& token, std::string text) {
    auto node = Node(AstKind::kLiteral, token.pos, std::move(text));
    node->literal = kind;
    return node;
  }

  Result<AstPtr> ParsePrimary();
  Result<AstPtr> ParseInterval(const Token& keyword);
  Result<AstPtr> ParseCase(SourcePos pos);
  Result<AstPtr> ParseCall(const Token& name);

  std::vector<Token> tokens_;
  size_t i_ = 0;
};

Result<std::unique_ptr<Ast>> Parser::ParsePrimary() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kInteger:
      return Literal(LiteralKind::kInteger, Next(), t.text);
    case TokenKind::kFloat:
      return Literal(LiteralKind::kFloat, Next(), t.text);
    case TokenKind::kString:
      return Literal(LiteralKind::kString, Next(), t.text);
    case TokenKind::kQuotedName: {
      Token name = Next();
      auto node = Node(AstKind::kColumn, name.pos, name.text);
      node->quoted = true;
      return node;
    }
    case TokenKind::kSymbol:
      if (AcceptSymbol("(")) {
        S3C_ASSIGN_OR_RETURN(AstPtr inner, ParseOr());
        S3C_RETURN_IF_ERROR(ExpectSymbol(")"));
        return inner;
      }
      return Expected("an operand");
    case TokenKind::kEnd:
      return Expected("an operand");
    case TokenKind::kIdentifier:
      break;
  }
  std::string word = Upper(t.text);
  if (word == "NULL") return Literal(LiteralKind::kNull, Next(), "NULL");
  if (word == "TRUE") return Literal(LiteralKind::kTrue, Next(), "TRUE");
  if (word == "FALSE") return Literal(LiteralKind::kFalse, Next(), "FALSE");
  if ((word == "DATE" || word == "TIMESTAMP") && Peek(1).kind == TokenKind::kString) {
    Token keyword = Next();
    return Literal(word == "DATE" ? LiteralKind::kDate : LiteralKind::kTimestamp, keyword,
                   Next().text);
  }
  if (word == "INTERVAL") return ParseInterval(Next());
  if (word == "CASE") return ParseCase(Next().pos);
  if (word == "CAST" && Peek(1).kind == TokenKind::kSymbol && Peek(1).text == "(") {
    SourcePos pos = Next().pos;
    ++i_;
    S3C_ASSIGN_OR_RETURN(AstPtr value, ParseOr());
    S3C_RETURN_IF_ERROR(ExpectWord("AS"));
    S3C_ASSIGN_OR_RETURN(std::string type, ParseTypeName());
    S3C_RETURN_IF_ERROR(ExpectSymbol(")"));
    auto cast = Node(AstKind::kCast, pos, std::move(type));
    cast->args.push_back(std::move(value));
    return cast;
  }
  if (Peek(1).kind == TokenKind::kSymbol && Peek(1).text == "(") return ParseCall(Next());
  if (IsReserved(word)) return Expected("an operand");
  Token name = Next();
  return Node(AstKind::kColumn, name.pos, name.text);
}

// INTERVAL '3 days' | INTERVAL 3 DAY | INTERVAL '3' DAY: text becomes "<count> <unit>".
Result<std::unique_ptr<Ast>> Parser::ParseInterval(const Token& keyword) {
  const Token& t = Peek();
  if (t.kind != TokenKind::kString && t.kind != TokenKind::kInteger) {
    return Expected("an interval such as '3 days' or 3 DAY");
  }
  std::string text = Next().text;
  if (Peek().kind == TokenKind::kIdentifier && !IsReserved(Upper(Peek().text))) {
    text += " " + Next().text;
  }
  auto node = Node(AstKind::kLiteral, keyword.pos, std::move(text));
  node->literal = LiteralKind::kInterval;
  return node;
}

Result<std::unique_ptr<Ast>> Parser::ParseCase(SourcePos pos) {
  auto node = Node(AstKind::kCase, pos);
  if (!IsWord("WHEN")) {
    S3C_ASSIGN_OR_RETURN(AstPtr operand, ParseOr());
    node->args.push_back(std::move(operand));
    node->has_operand = true;
  }
  if (!IsWord("WHEN")) return Expected("WHEN");
  while (AcceptWord("WHEN")) {
    S3C_ASSIGN_OR_RETURN(AstPtr when, ParseOr());
    S3C_RETURN_IF_ERROR(ExpectWord("THEN"));
    S3C_ASSIGN_OR_RETURN(AstPtr then, ParseOr());
    node->args.push_back(std::move(when));
    node->args.push_back(std::move(then));
  }
  if (AcceptWord("ELSE")) {
    S3C_ASSIGN_OR_RETURN(AstPtr otherwise, ParseOr());
    node->args.push_back(std::move(otherwise));
    node->has_else = true;
  }
  S3C_RETURN_IF_ERROR(ExpectWord("END"));
  return node;
}

// name(args) and EXTRACT(field FROM expr), which becomes date_part('field', expr).
Result<std::unique_ptr<Ast>> Parser::ParseCall(const Token& name) {
  auto node = Node(AstKind::kCall, name.pos, ToLower(name.text));
  ++i_;  // "("
  if (node->text == "extract") {
    if (Peek().kind != TokenKind::kIdentifier && Peek().kind != TokenKind::kString) {
      return Expected("a date part such as YEAR");
    }
    Token field = Next();
    S3C_RETURN_IF_ERROR(ExpectWord("FROM"));
    S3C_ASSIGN_OR_RETURN(AstPtr value, ParseOr());
    S3C_RETURN_IF_ERROR(ExpectSymbol(")"));
    node->text = "date_part";
    auto part = Node(AstKind::kLiteral, field.pos, ToLower(field.text));
    part->literal = LiteralKind::kString;
    node->args.push_back(std::move(part));
    node->args.push_back(std::move(value));
    return node;
  }
  if (AcceptSymbol(")")) return node;
  do {
    S3C_ASSIGN_OR_RETURN(AstPtr arg, ParseOr());
    node->args.push_back(std::move(arg));
  } while (AcceptSymbol(","));
  S3C_RETURN_IF_ERROR(ExpectSymbol(")"));
  return node;
}

}  // namespace

Result<std::unique_ptr<Ast>> ParseExpression(std::string_view text) {
  S3C_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(std::move(tokens)).ParseAll();
}

}  // namespace s3c::expr
