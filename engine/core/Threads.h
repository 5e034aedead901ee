#pragma once

namespace ms {

// Sets LibTorch's intra-op threads: `count` if positive, else every core (LibTorch defaults to one
// thread on small machines). Returns the number in effect.
int configureThreads(int count = 0);

}  // namespace ms
