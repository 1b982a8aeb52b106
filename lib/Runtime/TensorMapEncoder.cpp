//===- TensorMapEncoder.cpp - TMA descriptors from resolved maps ----------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A CUtensorMap is the 128-byte descriptor the Hopper TMA unit reads to turn
// one `cp.async.bulk.tensor` into a multi-dimensional box copy between global
// and shared memory: base address, per-dim extents and byte strides, box
// size, swizzle and out-of-bounds policy. The driver packs it on the host;
// the kernel only names it. Out-of-bounds boxes (the last token tile when M
// is not a multiple of the tile) are filled with zeros, which the int8 MMA
// turns into zero contributions.
//
//===----------------------------------------------------------------------===//

#include "TensorMapEncoder.h"

#include "DriverStatus.h"

#include <cinttypes>
#include <cstdio>

using namespace liquid::runtime;

static CUtensorMapDataType driverDtype(TmaDtype dtype) {
  switch (dtype) {
  case TmaDtype::U8:
    return CU_TENSOR_MAP_DATA_TYPE_UINT8;
  case TmaDtype::U16:
    return CU_TENSOR_MAP_DATA_TYPE_UINT16;
  case TmaDtype::U32:
    return CU_TENSOR_MAP_DATA_TYPE_UINT32;
  case TmaDtype::U64:
    return CU_TENSOR_MAP_DATA_TYPE_UINT64;
  case TmaDtype::I32:
    return CU_TENSOR_MAP_DATA_TYPE_INT32;
  case TmaDtype::F16:
    return CU_TENSOR_MAP_DATA_TYPE_FLOAT16;
  case TmaDtype::F32:
    return CU_TENSOR_MAP_DATA_TYPE_FLOAT32;
  }
  return CU_TENSOR_MAP_DATA_TYPE_UINT8;
}

static CUtensorMapSwizzle driverSwizzle(TmaSwizzle swizzle) {
  switch (swizzle) {
  case TmaSwizzle::None:
    return CU_TENSOR_MAP_SWIZZLE_NONE;
  case TmaSwizzle::B32:
    return CU_TENSOR_MAP_SWIZZLE_32B;
  case TmaSwizzle::B64:
    return CU_TENSOR_MAP_SWIZZLE_64B;
  case TmaSwizzle::B128:
    return CU_TENSOR_MAP_SWIZZLE_128B;
  }
  return CU_TENSOR_MAP_SWIZZLE_NONE;
}

template <typename T> static std::string list(const std::vector<T> &values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i)
    s += (i ? ", " : "") + std::to_string(values[i]);
  return s + "]";
}

Status liquid::runtime::encodeTensorMap(const ResolvedTensorMap &map,
                                        const std::string &name,
                                        CUtensorMap &out) {
  const size_t rank = map.dims.size();
  cuuint64_t dims[5], strides[5] = {0};
  cuuint32_t box[5], elementStrides[5];
  for (size_t i = 0; i < rank; ++i) {
    dims[i] = map.dims[i];
    box[i] = map.box[i];
    elementStrides[i] = 1;
    if (i + 1 < rank)
      strides[i] = map.strides[i];
  }
  CUresult result = cuTensorMapEncodeTiled(
      &out, driverDtype(map.dtype), static_cast<cuuint32_t>(rank),
      reinterpret_cast<void *>(static_cast<uintptr_t>(map.address)), dims,
      strides, box, elementStrides, CU_TENSOR_MAP_INTERLEAVE_NONE,
      driverSwizzle(map.swizzle), CU_TENSOR_MAP_L2_PROMOTION_L2_128B,
      map.oobFill == TmaOobFill::Nan
          ? CU_TENSOR_MAP_FLOAT_OOB_FILL_NAN_REQUEST_ZERO_FMA
          : CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
  if (result == CUDA_SUCCESS)
    return Status::success();
  char address[24];
  std::snprintf(address, sizeof(address), "0x%" PRIx64, map.address);
  return driverStatus(result, "cuTensorMapEncodeTiled for tensor map '" + name +
                                  "' (" + tmaDtypeName(map.dtype) + " at " +
                                  address + ", dims " + list(map.dims) +
                                  ", strides " + list(map.strides) + ", box " +
                                  list(map.box) + ")");
}
