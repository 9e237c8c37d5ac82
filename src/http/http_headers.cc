#include <algorithm>
#include <cctype>

#include "s3c/http/http_client.h"

namespace s3c {
namespace {

// RFC 9110 section 5.1: field names are case-insensitive.
bool NameEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void HttpHeaders::Set(std::string name, std::string value) {
  Remove(name);
  entries_.emplace_back(std::move(name), std::move(value));
}

void HttpHeaders::Add(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

void HttpHeaders::Remove(std::string_view name) {
  std::erase_if(entries_, [&](const auto& e) { return NameEquals(e.first, name); });
}

const std::string* HttpHeaders::Find(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (NameEquals(n, name)) return &v;
  }
  return nullptr;
}

std::string HttpHeaders::Get(std::string_view name) const {
  const std::string* v = Find(name);
  return v ? *v : std::string();
}

}  // namespace s3c
