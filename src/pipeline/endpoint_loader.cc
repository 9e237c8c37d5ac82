// LoadSource and LoadDestination (loader_internal.h): where an endpoint is, how to reach it,
// and its read or write settings.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "pipeline/loader_internal.h"
#include "pipeline/setting_keys.h"
#include "s3c/common/strings.h"
#include "s3c/store/store_uri.h"

namespace s3c::pipeline {
namespace {

// Keys of every endpoint: where it is and how to reach it. All but connector, uri, key and
// path_prefix belong to connector s3 alone.
const std::vector<std::string> kConnectionKeys = {
    "connector",  "uri",        "bucket",       "key",         "path_prefix",
    "aws_access_key_id",        "aws_secret_access_key",       "aws_session_token",
    "region",     "endpoint_url", "profile",    "role_arn",    "external_id",
    "anonymous",  "url_style"};

bool IsS3OnlyKey(const std::string& key) {
  return key != "connector" && key != "uri" && key != "key" && key != "path_prefix";
}

struct EndpointKind {
  const char* noun;            // "source" or "destination"
  const char* settings;        // "read" or "write"
  std::vector<std::string> keys;  // every key valid here, for "did you mean"
};

// The raw entries of one endpoint, sorted into connection keys and settings.
struct EndpointEntries {
  const ConfigEntry* incremental = nullptr;  // a source's incremental: section
  std::map<std::string, const ConfigEntry*> connection;
  std::map<std::string, const ConfigEntry*> settings;  // by canonical key (format for file_format)
};

class EndpointLoader {
 public:
  EndpointLoader(const ConfigEntry& entry, EndpointKind kind, ConfigErrors& errors)
      : entry_(entry), kind_(std::move(kind)), errors_(errors), before_(errors.size()) {}

  bool failed() const { return errors_.size() != before_; }

  void Error(const Position& at, std::string message) { errors_.Add(at, std::move(message)); }

  // Sorts the entries; `is_setting` tells the settings' keys, `other_setting` those of the
  // other kind of endpoint (for a clearer message than "unknown").
  template <typename IsSetting, typename IsOther>
  bool Sort(IsSetting is_setting, IsOther other_setting, const char* other_noun) {
    if (entry_.value.kind != ConfigNode::Kind::kMap) {
      Error(entry_.value.position, fmt::format("{} '{}': expected a map of settings, got {}",
                                               kind_.noun, entry_.key,
                                               KindName(entry_.value.kind)));
      return false;
    }
    for (const ConfigEntry& e : entry_.value.entries) {
      std::string canonical = e.key == "file_format" ? "format" : e.key;
      const bool source = std::string_view(kind_.noun) == "source";
      if (std::find(kConnectionKeys.begin(), kConnectionKeys.end(), e.key) !=
          kConnectionKeys.end()) {
        entries_.connection[e.key] = &e;
      } else if (e.key == "incremental" && source) {
        entries_.incremental = &e;
      } else if (e.key == "incremental") {
        Error(e.key_position, fmt::format("'incremental' is a source setting: a {} takes {} "
                                          "settings",
                                          kind_.noun, kind_.settings));
      } else if (is_setting(e.key)) {
        auto [it, inserted] = entries_.settings.emplace(canonical, &e);
        if (!inserted) {
          Error(e.key_position, fmt::format("'{}' and '{}' are the same setting: keep one",
                                            it->second->key, e.key));
        }
      } else if (other_setting(e.key)) {
        Error(e.key_position, fmt::format("'{}' is a {} setting: a {} takes {} settings", e.key,
                                          other_noun, kind_.noun, kind_.settings));
      } else {
        Error(e.key_position, fmt::format("unknown key '{}' in {} '{}'{}", e.key, kind_.noun,
                                          entry_.key, DidYouMean(e.key, kind_.keys)));
      }
    }
    return true;
  }

  const ConfigEntry* Connection(const std::string& key) const {
    auto it = entries_.connection.find(key);
    return it == entries_.connection.end() ? nullptr : it->second;
  }

  // The value of a connection key as text, or "" when absent or of the wrong type (reported).
  std::string Text(const std::string& key) {
    const ConfigEntry* e = Connection(key);
    if (e == nullptr) return "";
    Result<std::string> v = StringValue(key, e->value);
    if (!v.ok()) {
      Error(e->value.position, v.status().message());
      return "";
    }
    return *v;
  }

  // Fills endpoint.connector, uri and store; `single_object` for destinations.
  void LoadConnection(Endpoint& endpoint, bool* single_object);

  template <typename Settings>
  void LoadSettings(const std::vector<SettingKey<Settings>>& keys, Settings& settings) {
    for (const auto& [canonical, e] : entries_.settings) {
      Status st = SetSetting(*FindSettingKey(keys, canonical), e->value, settings);
      if (!st.ok()) Error(e->value.position, st.message());
    }
  }

  // Where an error blamed on setting `key` is shown: its value, else the endpoint's name.
  Position PositionOfSetting(const std::string& key) const {
    auto it = entries_.settings.find(key);
    return it == entries_.settings.end() ? entry_.key_position : it->second->value.position;
  }

  const ConfigEntry& entry() const { return entry_; }
  const ConfigEntry* incremental() const { return entries_.incremental; }

 private:
  std::string LocationUri(Connector* connector, bool* single_object);
  void LoadStore(Endpoint& endpoint);

  const ConfigEntry& entry_;
  EndpointKind kind_;
  ConfigErrors& errors_;
  size_t before_;
  EndpointEntries entries_;
};

// The URI from `uri`, or from bucket + key / path_prefix; the connector it implies.
std::string EndpointLoader::LocationUri(Connector* connector, bool* single_object) {
  const ConfigEntry* uri = Connection("uri");
  const ConfigEntry* bucket = Connection("bucket");
  const ConfigEntry* key = Connection("key");
  const ConfigEntry* prefix = Connection("path_prefix");
  for (const ConfigEntry* e : {bucket, key, prefix}) {
    if (uri != nullptr && e != nullptr) {
      Error(e->key_position, fmt::format("'{}' and 'uri' both say where the data is: give uri, "
                                         "or bucket with key or path_prefix", e->key));
      return "";
    }
  }
  if (key != nullptr && prefix != nullptr) {
    Error(prefix->key_position, "'path_prefix' and 'key' both name the data: key is one object "
                                "(or a glob), path_prefix a folder of many");
    return "";
  }
  if (uri != nullptr) {
    std::string text = Text("uri");
    if (text.empty()) {
      if (!failed()) Error(uri->value.position, "uri: expected a URI, got an empty value");
      return "";
    }
    *single_object = !EndsWith(text, "/");
    Result<StoreUri> parsed = ParseStoreUri(text);
    if (!parsed.ok()) {
      Error(uri->value.position, "uri: " + parsed.status().message());
      return "";
    }
    if (parsed->kind == StoreKind::kS3) {
      *connector = Connector::kS3;
    } else if (parsed->kind == StoreKind::kLocal) {
      *connector = Connector::kLocal;
    } else {
      Error(uri->value.position, fmt::format("uri '{}': a pipeline reads and writes s3:// URIs "
                                             "and local paths (file:// or a path)", text));
      return "";
    }
    return text;
  }
  if (bucket == nullptr) {
    const ConfigEntry* lone = key != nullptr ? key : prefix;
    if (lone != nullptr) {
      Error(lone->key_position, fmt::format("'{}' needs 'bucket' (or give a whole uri)",
                                            lone->key));
    } else {
      Error(entry_.key_position,
            fmt::format("{} '{}' says nowhere where the data is: give uri, or bucket with {}",
                        kind_.noun, entry_.key,
                        std::string_view(kind_.noun) == "source" ? "key or path_prefix"
                                                                 : "key (one object) or "
                                                                   "path_prefix (a dataset)"));
    }
    return "";
  }
  std::string bucket_name = Text("bucket");
  *connector = Connector::kS3;
  // The bucket is checked as a URI would check it ("s3://" + bucket).
  Result<StoreUri> parsed = ParseStoreUri("s3://" + bucket_name + "/");
  if (!parsed.ok()) {
    Error(bucket->value.position, "bucket: " + parsed.status().message());
    return "";
  }
  if (key != nullptr) {
    *single_object = true;
    return fmt::format("s3://{}/{}", bucket_name, Text("key"));
  }
  if (prefix == nullptr && std::string_view(kind_.noun) == "destination") {
    Error(bucket->key_position, "a destination needs key (one object) or path_prefix (a dataset) "
                                "beside bucket");
    return "";
  }
  std::string folder = prefix != nullptr ? Text("path_prefix") : "";
  while (StartsWith(folder, "/")) folder.erase(0, 1);
  if (!folder.empty() && !EndsWith(folder, "/")) folder += '/';
  *single_object = false;
  return fmt::format("s3://{}/{}", bucket_name, folder);
}

void EndpointLoader::LoadConnection(Endpoint& endpoint, bool* single_object) {
  endpoint.name = entry_.key;
  bool single = true;
  Connector implied = Connector::kS3;
  endpoint.uri = LocationUri(&implied, &single);
  if (single_object != nullptr) *single_object = single;
  endpoint.connector = implied;
  if (const ConfigEntry* c = Connection("connector")) {
    std::string word = Text("connector");
    if (word != "s3" && word != "local") {
      if (c->value.kind == ConfigNode::Kind::kScalar) {
        Error(c->value.position, fmt::format("unknown connector '{}': use s3 or local", word));
      }
    } else if (!endpoint.uri.empty() && (word == "s3") != (implied == Connector::kS3)) {
      Error(c->value.position,
            fmt::format("connector {} does not match '{}': {}", word, endpoint.uri,
                        word == "s3" ? "give an s3:// URI or bucket"
                                     : "give a local path or a file:// URI"));
    }
  }
  if (endpoint.connector == Connector::kLocal) {
    for (const auto& [key, e] : entries_.connection) {
      if (key != "bucket" && IsS3OnlyKey(key)) {
        Error(e->key_position, fmt::format("'{}' is a setting of connector s3, and {} '{}' is a "
                                           "local path", key, kind_.noun, entry_.key));
      }
    }
  }
  if (!endpoint.uri.empty() && single_object != nullptr) {
    Status not_glob = CheckDestinationNotGlob(endpoint.uri);
    if (!not_glob.ok()) {
      const ConfigEntry* at = Connection("uri") ? Connection("uri") : Connection("key");
      Error(at ? at->value.position : entry_.key_position, not_glob.message());
    }
  }
  LoadStore(endpoint);
}

}  // namespace

namespace {

void EndpointLoader::LoadStore(Endpoint& endpoint) {
  S3StackOptions& s3 = endpoint.store.s3;
  s3.endpoint_url = Text("endpoint_url");
  s3.region = Text("region");
  s3.profile = Text("profile");
  s3.access_key_id = Text("aws_access_key_id");
  s3.secret_access_key = SecretString(Text("aws_secret_access_key"));
  s3.session_token = SecretString(Text("aws_session_token"));
  s3.role_arn = Text("role_arn");
  s3.external_id = Text("external_id");
  if (const ConfigEntry* e = Connection("anonymous")) {
    Result<bool> anonymous = BoolValue("anonymous", e->value);
    if (!anonymous.ok()) {
      Error(e->value.position, anonymous.status().message());
    } else {
      s3.no_sign_request = *anonymous;
    }
  }
  if (const ConfigEntry* e = Connection("url_style")) {
    std::string style = Text("url_style");
    if (style != "path" && style != "virtual" && style != "auto") {
      if (e->value.kind == ConfigNode::Kind::kScalar) {
        Error(e->value.position,
              fmt::format("url_style: unknown style '{}': use path, virtual or auto", style));
      }
    } else {
      s3.url_style = style;
    }
  }
  // Conflicts, each reported at the key that cannot stay.
  auto at = [&](const char* key) { return Connection(key)->key_position; };
  bool has_id = Connection("aws_access_key_id") != nullptr;
  bool has_secret = Connection("aws_secret_access_key") != nullptr;
  if (has_id != has_secret) {
    const char* given = has_id ? "aws_access_key_id" : "aws_secret_access_key";
    Error(at(given), fmt::format("'{}' needs '{}' too", given,
                                 has_id ? "aws_secret_access_key" : "aws_access_key_id"));
  }
  if (Connection("aws_session_token") && !has_id && !has_secret) {
    Error(at("aws_session_token"), "'aws_session_token' goes with aws_access_key_id and "
                                   "aws_secret_access_key (temporary keys)");
  }
  if (Connection("external_id") && !Connection("role_arn")) {
    Error(at("external_id"), "'external_id' goes with role_arn");
  }
  if (s3.no_sign_request) {
    for (const char* key : {"aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                            "profile", "role_arn"}) {
      if (Connection(key)) {
        Error(at(key), fmt::format("'{}' signs requests, and anonymous: true sends them "
                                   "unsigned: keep one", key));
      }
    }
  }
}

EndpointKind SourceKind() {
  EndpointKind kind{"source", "read", kConnectionKeys};
  for (const auto& k : ReadSettingKeys()) kind.keys.emplace_back(k.key);
  kind.keys.emplace_back("file_format");
  kind.keys.emplace_back("incremental");
  return kind;
}

EndpointKind DestinationKind() {
  EndpointKind kind{"destination", "write", kConnectionKeys};
  for (const auto& k : WriteSettingKeys()) kind.keys.emplace_back(k.key);
  kind.keys.emplace_back("file_format");
  return kind;
}

bool IsReadKey(const std::string& key) { return FindSettingKey(ReadSettingKeys(), key); }
bool IsWriteKey(const std::string& key) { return FindSettingKey(WriteSettingKeys(), key); }

}  // namespace

Status CheckDestinationNotGlob(const std::string& uri) {
  if (uri.find_first_of("*?[{") == std::string::npos) return Status::OK();
  return InvalidArgumentError(
      fmt::format("'{}': a destination names one object or a prefix, never a glob", uri));
}

std::optional<SourceSpec> LoadSource(const ConfigEntry& entry, WallTime now,
                                     ConfigErrors& errors) {
  EndpointLoader loader(entry, SourceKind(), errors);
  if (!loader.Sort(IsReadKey, IsWriteKey, "destination")) return std::nullopt;
  SourceSpec source;
  loader.LoadConnection(source, nullptr);
  loader.LoadSettings(ReadSettingKeys(), source.read);
  if (const ConfigEntry* incremental = loader.incremental()) {
    std::optional<IncrementalSettings> settings = LoadIncremental(*incremental, now, errors);
    if (settings) source.incremental = std::move(*settings);
  }
  if (loader.failed()) return std::nullopt;
  std::string blamed;
  Result<dataset::LakeReadOptions> built =
      BuildLakeReadOptions(source.read, now, SettingNames(SettingSpelling::kKey, &blamed));
  if (!built.ok()) {
    loader.Error(loader.PositionOfSetting(blamed), built.status().message());
    return std::nullopt;
  }
  return source;
}

std::optional<DestinationSpec> LoadDestination(const ConfigEntry& entry, ConfigErrors& errors) {
  EndpointLoader loader(entry, DestinationKind(), errors);
  if (!loader.Sort(IsWriteKey, IsReadKey, "source")) return std::nullopt;
  DestinationSpec destination;
  loader.LoadConnection(destination, &destination.single_object);
  loader.LoadSettings(WriteSettingKeys(), destination.write);
  if (loader.failed()) return std::nullopt;
  std::string blamed;
  Result<CheckedWriteSettings> checked = CheckWriteSettings(
      destination.write, WriteTarget{destination.uri, destination.single_object},
      SettingNames(SettingSpelling::kKey, &blamed));
  if (!checked.ok()) {
    loader.Error(loader.PositionOfSetting(blamed), checked.status().message());
    return std::nullopt;
  }
  destination.checked = std::move(*checked);
  return destination;
}

}  // namespace s3c::pipeline
