// The codec fuzz entry, callable without libFuzzer (the smoke test in src/codec uses it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::fuzz {

enum class FuzzOutcome { kDecoded, kRejected };

// data[0] picks a streaming codec (0-7: Codec values), a block codec (8-13, with the next two
// bytes as the expected size) or the zip central-directory reader (14-15); the rest is decoded.
// Aborts the process when an invariant breaks (a decoded stream that does not re-encode and
// decode to the same bytes, an error that is not DataLoss/Unimplemented/NotFound).
FuzzOutcome RunCodecFuzzInput(const uint8_t* data, size_t size);

}  // namespace s3c::fuzz
