#pragma once
// Which c10d backends this build compiles in: MS_DIST_GLOO, MS_DIST_NCCL (0 or 1). Torch-free.
// MATTESTUDIO_HAVE_GLOO / MATTESTUDIO_HAVE_NCCL come from cmake/Distributed.cmake (the headers are
// there and not switched off); without it they are guessed from the headers. Either also needs the
// USE_C10D_GLOO / USE_C10D_NCCL definition that LibTorch's CMake targets carry when LibTorch was
// built with that backend (without it ProcessGroupGloo.hpp / ProcessGroupNCCL.hpp are empty).
#ifndef MATTESTUDIO_HAVE_GLOO
#if defined(USE_C10D_GLOO) && __has_include(<gloo/algorithm.h>)
#define MATTESTUDIO_HAVE_GLOO 1
#else
#define MATTESTUDIO_HAVE_GLOO 0
#endif
#endif

#ifndef MATTESTUDIO_HAVE_NCCL
#if defined(USE_C10D_NCCL) && __has_include(<nccl.h>)
#define MATTESTUDIO_HAVE_NCCL 1
#else
#define MATTESTUDIO_HAVE_NCCL 0
#endif
#endif

#if MATTESTUDIO_HAVE_GLOO && defined(USE_C10D_GLOO)
#define MS_DIST_GLOO 1
#else
#define MS_DIST_GLOO 0
#endif

#if MATTESTUDIO_HAVE_NCCL && defined(USE_C10D_NCCL)
#define MS_DIST_NCCL 1
#else
#define MS_DIST_NCCL 0
#endif
