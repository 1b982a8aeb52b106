//===- OperandMemory.cpp - Which memory a kernel can read -----------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/OperandMemory.h"

#include <cinttypes>
#include <cstdio>

using namespace liquid::runtime;

Status liquid::runtime::checkOperandMemory(const std::string &operand,
                                           uint64_t address,
                                           const PointerFacts &facts,
                                           int device,
                                           const std::string &kernel) {
  char hex[24];
  std::snprintf(hex, sizeof(hex), "0x%" PRIx64, address);
  const std::string name = "operand '" + operand + "' at " + hex;
  if (facts.managed)
    return Status::success();
  switch (facts.memory) {
  case PointerFacts::Memory::Unknown:
    return Status::error(name + " is not device memory: no CUDA allocation "
                                "covers it (a host pointer?)");
  case PointerFacts::Memory::Host:
    return Status::error(name + " is page-locked host memory; kernel '" +
                         kernel + "' reads its operands from device memory");
  case PointerFacts::Memory::Device:
    break;
  }
  if (facts.deviceOrdinal != device)
    return Status::error(name + " is memory of device " +
                         std::to_string(facts.deviceOrdinal) + ", but kernel '" +
                         kernel + "' runs on device " + std::to_string(device));
  if (facts.otherContext)
    return Status::error(name + " belongs to another CUDA context than the "
                                "one kernel '" +
                         kernel + "' was loaded in");
  return Status::success();
}
