// The store's one use of hand-made threads (the recursive transfers' workers), kept to one
// function so that it moves onto common's executor when that exists.
#pragma once

#include <cstddef>
#include <functional>

namespace s3c {

// Runs `work` on `n` threads at once (at least one) and returns when every call returned.
// `work` must be safe to call concurrently.
void RunOnWorkerThreads(size_t n, const std::function<void()>& work);

}  // namespace s3c
