#pragma once
// The rendezvous of a distributed run: a c10d TCPStore that rank 0 serves and every rank joins.
#include "dist/DistributedEnv.h"

#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>

namespace ms {

// A rank's TCPStore options: rank 0 serves on MASTER_PORT and waits for all WORLD_SIZE ranks, the
// others connect; `timeout` bounds both and every later store operation. Plain sockets, never libuv
// (LibTorch 2.4+ defaults to libuv and throws where it was built without it).
c10d::TCPStoreOptions tcpStoreOptions(const DistributedEnv& env, std::chrono::milliseconds timeout);

// Joins the store; blocks until every rank has arrived (rank 0) or rank 0 was reached (the others).
// Throws ms::Error saying which: a taken port, ranks that never arrived, a master out of reach.
c10::intrusive_ptr<c10d::Store> connectStore(const DistributedEnv& env, std::chrono::seconds timeout);

}  // namespace ms
