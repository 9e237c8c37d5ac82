// SingleStepPipeline (single_step.h).
#include "s3c/pipeline/single_step.h"

#include <fmt/format.h>

#include "pipeline/loader_internal.h"
#include "s3c/common/strings.h"
#include "s3c/store/store_uri.h"

namespace s3c::pipeline {
namespace {

// The connector a URI implies; the store's own message for one it cannot parse.
Result<Connector> ConnectorOf(const std::string& uri) {
  S3C_ASSIGN_OR_RETURN(StoreUri parsed, ParseStoreUri(uri));
  return parsed.kind == StoreKind::kS3 ? Connector::kS3 : Connector::kLocal;
}

}  // namespace

Result<PipelineFile> SingleStepPipeline(const SingleStep& step, WallTime now,
                                        const SettingNames& read_names,
                                        const SettingNames& write_names) {
  PipelineFile file;
  file.origin = step.name;

  SourceSpec source;
  source.name = kSingleStepSource;
  source.uri = step.source_uri;
  S3C_ASSIGN_OR_RETURN(source.connector, ConnectorOf(source.uri));
  source.read = step.read;
  S3C_RETURN_IF_ERROR(BuildLakeReadOptions(source.read, now, read_names).status());

  DestinationSpec destination;
  destination.name = kSingleStepDestination;
  destination.uri = step.destination_uri;
  if (step.dataset && !EndsWith(destination.uri, "/")) destination.uri += '/';
  destination.single_object = !step.dataset;
  S3C_ASSIGN_OR_RETURN(destination.connector, ConnectorOf(destination.uri));
  S3C_RETURN_IF_ERROR(CheckDestinationNotGlob(destination.uri));
  destination.write = step.write;
  S3C_ASSIGN_OR_RETURN(
      destination.checked,
      CheckWriteSettings(destination.write,
                         WriteTarget{destination.uri, destination.single_object}, write_names));

  PipelineSpec pipeline;
  pipeline.name = step.name;
  pipeline.from = source.name;
  pipeline.to = {destination.name};
  pipeline.where = step.where;
  S3C_RETURN_IF_ERROR(CheckWhereSyntax(pipeline.where, read_names));

  file.sources.push_back(std::move(source));
  file.destinations.push_back(std::move(destination));
  file.pipelines.push_back(std::move(pipeline));
  return file;
}

}  // namespace s3c::pipeline
