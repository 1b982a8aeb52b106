//===- OperandMemory.h - Which memory a kernel can read ---------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A kernel reads its operands through TMA and plain global loads on the GPU
// that runs it. An address the GPU cannot read does not fail the launch: the
// kernel faults (CUDA_ERROR_ILLEGAL_ADDRESS), which poisons the context and
// every later call in it. So before the first launch with new addresses,
// Kernel::launch asks the driver what each operand's address is
// (cuPointerGetAttributes) and refuses, naming the operand:
//
//   - an address no CUDA allocation covers (malloc, the stack, freed memory);
//   - page-locked host memory (readable over PCIe only, at a fraction of the
//     bandwidth the kernel is built for; TMA is not meant for it);
//   - device memory of another device, or of another context on this one.
//
// Device memory of the kernel's device in its context (cuMemAlloc,
// cudaMalloc, stream-ordered pools, virtual memory management) and managed
// memory (which migrates on demand) pass. The decision is here, apart from
// the driver query, so that it is tested on machines without a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_OPERANDMEMORY_H
#define LIQUID_RUNTIME_OPERANDMEMORY_H

#include "liquid/Runtime/Status.h"

#include <cstdint>
#include <string>

namespace liquid::runtime {

/// What the CUDA driver reports about the memory behind an address, in terms
/// that need no CUDA header.
struct PointerFacts {
  enum class Memory {
    /// No CUDA allocation or registration covers the address.
    Unknown,
    /// Page-locked host memory (cuMemHostAlloc, cudaMallocHost,
    /// cuMemHostRegister).
    Host,
    /// Device memory.
    Device,
  };
  Memory memory = Memory::Unknown;
  /// Managed (unified) memory: any device may read it.
  bool managed = false;
  /// The device the memory was allocated on or registered with.
  int deviceOrdinal = -1;
  /// Whether the allocation belongs to another context than the kernel's
  /// (false where the driver names none, as for virtual memory management).
  bool otherContext = false;
};

/// Success if kernel `kernel`, loaded on device `device`, can read operand
/// `operand` at `address`, whose memory the driver describes as `facts`;
/// otherwise an error naming the operand, its address and what it is.
Status checkOperandMemory(const std::string &operand, uint64_t address,
                          const PointerFacts &facts, int device,
                          const std::string &kernel);

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_OPERANDMEMORY_H
