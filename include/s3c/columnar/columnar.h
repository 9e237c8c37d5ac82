// Everything of the columnar module in one include.
#pragma once

#include "s3c/columnar/array.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/cast.h"
#include "s3c/columnar/compare.h"
#include "s3c/columnar/data_type.h"
#include "s3c/columnar/pretty_print.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/schema.h"
#include "s3c/columnar/statistics.h"
#include "s3c/columnar/validate.h"
