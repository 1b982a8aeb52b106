// How many clusters of 1, 2, 4, 8 blocks (one block per SM: 150 KB of shared
// memory) the H100 runs at once: cudaOccupancyMaxActiveClusters.
#include <cstdio>
#include <cuda_runtime.h>
__global__ void k() { extern __shared__ char s[]; if (threadIdx.x == 9999) s[0] = 1; }
int main() {
  cudaFuncSetAttribute(k, cudaFuncAttributeMaxDynamicSharedMemorySize, 150 * 1024);
  cudaFuncSetAttribute(k, cudaFuncAttributeNonPortableClusterSizeAllowed, 1);
  for (int threads : {256, 384})
    for (int size : {1, 2, 4, 8}) {
      cudaLaunchConfig_t cfg = {};
      cfg.gridDim = dim3(size * 64, 1, 1);
      cfg.blockDim = dim3(threads, 1, 1);
      cfg.dynamicSmemBytes = 150 * 1024;
      cudaLaunchAttribute attr;
      attr.id = cudaLaunchAttributeClusterDimension;
      attr.val.clusterDim.x = size; attr.val.clusterDim.y = 1; attr.val.clusterDim.z = 1;
      cfg.attrs = &attr; cfg.numAttrs = 1;
      int clusters = 0;
      cudaError_t e = cudaOccupancyMaxActiveClusters(&clusters, k, &cfg);
      printf("threads %d cluster %d: %d clusters (%d SMs busy) %s\n", threads, size,
             clusters, clusters * size, cudaGetErrorString(e));
    }
}
