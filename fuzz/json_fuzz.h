// The JSON fuzz entry, callable without libFuzzer (formats_json_test's smoke test uses it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::fuzz {

enum class JsonFuzzOutcome { kRead, kRejected };

// data[0] picks reader options (bit 0: JSON Lines, bit 1: flatten, bit 2: skip bad records,
// bit 3: all-strings schema, high nibble: batch rows - 1); the rest is the input. The bytes are
// also parsed as one JSON text. Aborts when an invariant breaks: an error that is not a
// positioned InvalidArgument (or ResourceExhausted), or batches that, written as JSON Lines and
// read back with their schema, differ.
JsonFuzzOutcome RunJsonFuzzInput(const uint8_t* data, size_t size);

}  // namespace s3c::fuzz
