// MakeRunId, MakeUuid, DataFileExtension and FileNameTemplate (write/file_naming.h).
#include "s3c/write/file_naming.h"

#include <fmt/format.h>

#include "s3c/common/time_format.h"

namespace s3c::write {
namespace {

std::string RandomHex(Random& random, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<size_t>(digits));
  for (int i = 0; i < digits; ++i) {
    int d = static_cast<int>(random.NextDouble() * 16);
    out.push_back(kHex[d < 0 ? 0 : (d > 15 ? 15 : d)]);
  }
  return out;
}

Status TemplateError(std::string_view text, std::string_view what) {
  return InvalidArgumentError(fmt::format("file name template '{}': {}", text, what));
}

}  // namespace

std::string MakeRunId(const Clock& clock, Random& random) {
  return FormatAmzDate(clock.Now()) + "-" + RandomHex(random, 12);
}

std::string MakeUuid(Random& random) {
  std::string hex = RandomHex(random, 32);
  hex[12] = '4';                                        // version 4 (RFC 9562 section 5.4)
  hex[16] = "89ab"[static_cast<int>(random.NextDouble() * 4) & 3];  // variant 10xx
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20));
}

std::string DataFileExtension(formats::FileFormat format, Codec compression) {
  std::string ext = std::string(".") + formats::FileFormatName(format);
  if (formats::IsRowTextFormat(format)) ext += CodecExtension(compression);
  return ext;
}

Result<FileNameTemplate> FileNameTemplate::Parse(std::string_view text) {
  if (text.empty()) text = kDefaultFileNameTemplate;
  FileNameTemplate t;
  bool unique = false;
  bool has_run = false;
  bool has_ext = false;
  auto literal = [&t](char c) {
    if (t.pieces_.empty() || t.pieces_.back().token != Token::kLiteral) {
      t.pieces_.push_back({Token::kLiteral, ""});
    }
    t.pieces_.back().literal.push_back(c);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '/') return TemplateError(text, "a file name cannot hold '/'");
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal(c);
      ++i;
      continue;
    }
    if (c == '}') return TemplateError(text, "unmatched '}' (write '}}' for a brace)");
    if (c != '{') {
      literal(c);
      continue;
    }
    size_t close = text.find('}', i);
    if (close == std::string_view::npos) return TemplateError(text, "unclosed '{'");
    std::string_view name = text.substr(i + 1, close - i - 1);
    Token token;
    if (name == "run") {
      token = Token::kRun;
      has_run = true;
    } else if (name == "task") {
      token = Token::kTask;
    } else if (name == "part") {
      token = Token::kPart;
      unique = true;
    } else if (name == "uuid") {
      token = Token::kUuid;
      unique = true;
    } else if (name == "partition") {
      token = Token::kPartition;
    } else if (name == "ext") {
      token = Token::kExt;
      has_ext = true;
    } else {
      return TemplateError(text, fmt::format("unknown token {{{}}} (known: {{run}} {{task}} "
                                             "{{part}} {{uuid}} {{partition}} {{ext}})",
                                             name));
    }
    t.pieces_.push_back({token, ""});
    i = close;
  }
  if (!unique) {
    return TemplateError(text, "names must be unique within the run: use {part} or {uuid}");
  }
  if (!has_run) {
    // Readers tell s3c's data files by it (dataset/commit_log.h, NameHoldsRunId).
    return TemplateError(text, "names must hold the run id: use {run}");
  }
  if (!has_ext) t.pieces_.push_back({Token::kExt, ""});
  return t;
}

std::string FileNameTemplate::Render(const FileNameFields& fields, Random& random) const {
  std::string out;
  for (const Piece& p : pieces_) {
    switch (p.token) {
      case Token::kLiteral: out += p.literal; break;
      case Token::kRun: out += fields.run; break;
      case Token::kTask: out += fmt::format("{:05d}", fields.task); break;
      case Token::kPart: out += fmt::format("{:05d}", fields.part); break;
      case Token::kUuid: out += MakeUuid(random); break;
      case Token::kPartition: out += fields.partition; break;
      case Token::kExt: out += fields.extension; break;
    }
  }
  return out;
}

}  // namespace s3c::write
