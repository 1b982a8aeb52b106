// What a TMA kernel pays, under sweep.py's protocol (a 256 MiB memset before
// each call, CUDA events, calls enqueued behind a spinning kernel), for two
// lines of global memory it touches before and after its data:
//
//  - its TMA descriptor: read by the TMA unit on the first copy, from global
//    memory (the flush evicted it from L2: a DRAM round trip before the first
//    copy can start) or from the kernel's parameters (__grid_constant__: the
//    launch has just written them);
//  - a split-K arrival counter: an atomic after the data, on a line the flush
//    evicted, with or without an L2 prefetch of that line when the block
//    starts.
//
// Each block of the decode-like grid (2 x 132 blocks of 128 threads) copies
// four 8 KiB boxes of a 64 MiB buffer (8.6 MB in all, the packed weights of
// 4096 x 4096) with one thread, waits for them and optionally bumps its
// counter.
//
//   nvcc -O3 -arch=sm_90a -o descriptor_fetch descriptor_fetch.cu -lcuda
//   ./descriptor_fetch [runs]
#include <cuda.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      std::fprintf(stderr, "%s: %s\n", #x, cudaGetErrorString(e));             \
      std::exit(1);                                                            \
    }                                                                          \
  } while (0)

constexpr int kBoxRows = 64, kBoxBytes = 128 * kBoxRows, kBoxes = 4;
constexpr int kBlocks = 264, kThreads = 128;
constexpr size_t kSourceBytes = 64u << 20;

enum MapSource { kParamMap, kGlobalMap, kGlobalMapNoPrefetch };
enum Counter { kNoCounter, kCounter, kCounterPrefetched };

__device__ __forceinline__ uint32_t smem(const void *p) {
  return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}

template <MapSource kMap, Counter kCount>
__global__ void __launch_bounds__(kThreads)
    copyBoxes(const __grid_constant__ CUtensorMap paramMap,
              const CUtensorMap *globalMap, int *counters, int *sink) {
  extern __shared__ __align__(1024) uint8_t buffer[];
  __shared__ __align__(8) uint64_t full;
  if (threadIdx.x != 0)
    return;
  int *counter = counters + blockIdx.x * 32;
  if (kCount == kCounterPrefetched)
    asm volatile("prefetch.global.L2 [%0];" ::"l"(counter) : "memory");
  const CUtensorMap *map = kMap == kParamMap ? &paramMap : globalMap;
  if (kMap != kGlobalMapNoPrefetch)
    asm volatile("prefetch.tensormap [%0];" ::"l"(map) : "memory");
  asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;" ::"r"(smem(&full)));
  asm volatile("fence.mbarrier_init.release.cluster;" ::: "memory");
  asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;" ::"r"(
                   smem(&full)),
               "r"(kBoxes * kBoxBytes)
               : "memory");
  for (int b = 0; b < kBoxes; ++b) {
    int row = (blockIdx.x * kBoxes + b) * kBoxRows;
    asm volatile(
        "cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::complete_tx"
        "::bytes [%0], [%1, {%2, %3}], [%4];" ::"r"(
            smem(buffer + b * kBoxBytes)),
        "l"(map), "r"(0), "r"(row), "r"(smem(&full))
        : "memory");
  }
  asm volatile("{\n .reg .pred done;\n wait:\n"
               " mbarrier.try_wait.parity.shared::cta.b64 done, [%0], 0;\n"
               " @!done bra wait;\n}" ::"r"(smem(&full))
               : "memory");
  if (kCount != kNoCounter) {
    // Used, so that it stays an atomic with a return value (a split-K
    // block decides from it whether it is the last of its tile).
    int old = atomicAdd(counter, 1);
    if (old == -1)
      *sink = buffer[threadIdx.x];
  }
}

__global__ void empty() {}

// The launch's share: the same empty kernel with the liquid kernel's ten
// parameters, its four descriptors passed by address (80 bytes) or by value
// (560 bytes).
__global__ void emptyTakingAddresses(const CUtensorMap *, const CUtensorMap *,
                                     const CUtensorMap *, const CUtensorMap *,
                                     int *, int *, int *, int *, int *, int) {}
__global__ void emptyTakingValues(const __grid_constant__ CUtensorMap,
                                  const __grid_constant__ CUtensorMap,
                                  const __grid_constant__ CUtensorMap,
                                  const __grid_constant__ CUtensorMap, int *,
                                  int *, int *, int *, int *, int) {}

// Four descriptors, one box through each (the liquid kernel's weights,
// activations, scales and offsets), by value or from global memory.
template <bool kByValue>
__global__ void __launch_bounds__(kThreads)
    copyThroughFour(const __grid_constant__ CUtensorMap m0,
                    const __grid_constant__ CUtensorMap m1,
                    const __grid_constant__ CUtensorMap m2,
                    const __grid_constant__ CUtensorMap m3,
                    const CUtensorMap *globalMaps) {
  extern __shared__ __align__(1024) uint8_t buffer[];
  __shared__ __align__(8) uint64_t full;
  if (threadIdx.x != 0)
    return;
  const CUtensorMap *maps[4] = {&m0, &m1, &m2, &m3};
  if (!kByValue)
    for (int b = 0; b < 4; ++b)
      maps[b] = globalMaps + b;
  for (int b = 0; b < 4; ++b)
    asm volatile("prefetch.tensormap [%0];" ::"l"(maps[b]) : "memory");
  asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;" ::"r"(smem(&full)));
  asm volatile("fence.mbarrier_init.release.cluster;" ::: "memory");
  asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;" ::"r"(
                   smem(&full)),
               "r"(4 * kBoxBytes)
               : "memory");
  for (int b = 0; b < 4; ++b) {
    int row = (blockIdx.x * 4 + b) * kBoxRows;
    asm volatile(
        "cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::complete_tx"
        "::bytes [%0], [%1, {%2, %3}], [%4];" ::"r"(
            smem(buffer + b * kBoxBytes)),
        "l"(maps[b]), "r"(0), "r"(row), "r"(smem(&full))
        : "memory");
  }
  asm volatile("{\n .reg .pred done;\n wait:\n"
               " mbarrier.try_wait.parity.shared::cta.b64 done, [%0], 0;\n"
               " @!done bra wait;\n}" ::"r"(smem(&full))
               : "memory");
}

__global__ void spin(long long cycles) {
  long long start = clock64();
  while (clock64() - start < cycles) {
  }
}

struct Timer {
  uint8_t *flush;
  static constexpr size_t kFlushBytes = 256u << 20;
  Timer() { CHECK(cudaMalloc(&flush, kFlushBytes)); }

  template <typename Launch> double operator()(Launch launch, int iters) {
    for (int i = 0; i < 5; ++i)
      launch();
    CHECK(cudaDeviceSynchronize());
    std::vector<cudaEvent_t> starts(iters), ends(iters);
    for (int i = 0; i < iters; ++i) {
      CHECK(cudaEventCreate(&starts[i]));
      CHECK(cudaEventCreate(&ends[i]));
    }
    spin<<<1, 1>>>(40'000'000); // ~20 ms: every call below is enqueued by then
    for (int i = 0; i < iters; ++i) {
      CHECK(cudaMemsetAsync(flush, 0, kFlushBytes));
      CHECK(cudaEventRecord(starts[i]));
      launch();
      CHECK(cudaEventRecord(ends[i]));
    }
    CHECK(cudaDeviceSynchronize());
    std::vector<double> us(iters);
    for (int i = 0; i < iters; ++i) {
      float ms;
      CHECK(cudaEventElapsedTime(&ms, starts[i], ends[i]));
      us[i] = ms * 1000.0;
      cudaEventDestroy(starts[i]);
      cudaEventDestroy(ends[i]);
    }
    std::nth_element(us.begin(), us.begin() + iters / 2, us.end());
    return us[iters / 2];
  }
};

template <MapSource kMap, Counter kCount> void allowSharedMemory() {
  CHECK(cudaFuncSetAttribute(copyBoxes<kMap, kCount>,
                             cudaFuncAttributeMaxDynamicSharedMemorySize,
                             kBoxes * kBoxBytes));
}

int main(int argc, char **argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 2;
  uint8_t *source;
  CUtensorMap *deviceMap, *deviceMaps;
  int *counters, *sink;
  CHECK(cudaMalloc(&source, kSourceBytes));
  CHECK(cudaMemset(source, 1, kSourceBytes));
  CHECK(cudaMalloc(&deviceMap, sizeof(CUtensorMap)));
  CHECK(cudaMalloc(&counters, kBlocks * 128));
  CHECK(cudaMemset(counters, 0, kBlocks * 128));
  CHECK(cudaMalloc(&sink, 4));

  CUtensorMap map;
  cuuint64_t dims[2] = {128, kSourceBytes / 128};
  cuuint64_t strides[1] = {128};
  cuuint32_t box[2] = {128, kBoxRows};
  cuuint32_t elementStrides[2] = {1, 1};
  CUresult r = cuTensorMapEncodeTiled(
      &map, CU_TENSOR_MAP_DATA_TYPE_UINT8, 2, source, dims, strides, box,
      elementStrides, CU_TENSOR_MAP_INTERLEAVE_NONE, CU_TENSOR_MAP_SWIZZLE_NONE,
      CU_TENSOR_MAP_L2_PROMOTION_L2_128B, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
  if (r != CUDA_SUCCESS) {
    std::fprintf(stderr, "cuTensorMapEncodeTiled failed: %d\n", int(r));
    return 1;
  }
  CHECK(cudaMemcpy(deviceMap, &map, sizeof map, cudaMemcpyHostToDevice));
  CHECK(cudaMalloc(&deviceMaps, 4 * sizeof(CUtensorMap)));
  for (int b = 0; b < 4; ++b)
    CHECK(cudaMemcpy(deviceMaps + b, &map, sizeof map, cudaMemcpyHostToDevice));
  int *none = nullptr;

  allowSharedMemory<kParamMap, kNoCounter>();
  allowSharedMemory<kGlobalMap, kNoCounter>();
  allowSharedMemory<kGlobalMapNoPrefetch, kNoCounter>();
  allowSharedMemory<kParamMap, kCounter>();
  allowSharedMemory<kParamMap, kCounterPrefetched>();
  allowSharedMemory<kGlobalMap, kCounter>();
  allowSharedMemory<kGlobalMap, kCounterPrefetched>();
  for (auto kernel : {copyThroughFour<true>, copyThroughFour<false>})
    CHECK(cudaFuncSetAttribute(kernel,
                               cudaFuncAttributeMaxDynamicSharedMemorySize,
                               4 * kBoxBytes));

  Timer timer;
  auto variant = [&](auto kernel) {
    return [=] {
      kernel<<<kBlocks, kThreads, kBoxes * kBoxBytes>>>(map, deviceMap,
                                                        counters, sink);
    };
  };
  std::vector<std::pair<const char *, std::function<void()>>> rows = {
      {"empty kernel", [] { empty<<<kBlocks, kThreads>>>(); }},
      {"param map", variant(copyBoxes<kParamMap, kNoCounter>)},
      {"global map, prefetch", variant(copyBoxes<kGlobalMap, kNoCounter>)},
      {"global map, no prefetch",
       variant(copyBoxes<kGlobalMapNoPrefetch, kNoCounter>)},
      {"param map + counter", variant(copyBoxes<kParamMap, kCounter>)},
      {"param map + prefetched counter",
       variant(copyBoxes<kParamMap, kCounterPrefetched>)},
      {"global map + counter", variant(copyBoxes<kGlobalMap, kCounter>)},
      {"global map + prefetched counter",
       variant(copyBoxes<kGlobalMap, kCounterPrefetched>)},
      {"empty, 4 descriptor addresses",
       [=] {
         emptyTakingAddresses<<<kBlocks, 384>>>(deviceMaps, deviceMaps,
                                                deviceMaps, deviceMaps, none,
                                                none, none, none, none, 1);
       }},
      {"empty, 4 descriptors by value",
       [=] {
         emptyTakingValues<<<kBlocks, 384>>>(map, map, map, map, none, none,
                                             none, none, none, 1);
       }},
      {"four maps by value",
       [=] {
         copyThroughFour<true><<<kBlocks, kThreads, 4 * kBoxBytes>>>(
             map, map, map, map, deviceMaps);
       }},
      {"four maps in global memory",
       [=] {
         copyThroughFour<false><<<kBlocks, kThreads, 4 * kBoxBytes>>>(
             map, map, map, map, deviceMaps);
       }},
  };
  std::printf("%-34s", "us (median of 50)");
  for (int run = 0; run < runs; ++run)
    std::printf("  run %d", run + 1);
  std::printf("\n");
  std::vector<std::vector<double>> us(rows.size());
  for (int run = 0; run < runs; ++run)
    for (size_t i = 0; i < rows.size(); ++i)
      us[i].push_back(timer(rows[i].second, 50));
  for (size_t i = 0; i < rows.size(); ++i) {
    std::printf("%-34s", rows[i].first);
    for (double t : us[i])
      std::printf("  %6.2f", t);
    std::printf("\n");
  }
  CHECK(cudaGetLastError());
  return 0;
}
