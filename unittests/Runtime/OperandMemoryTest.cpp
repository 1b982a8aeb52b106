//===- OperandMemoryTest.cpp - Tests of the operand memory rules ----------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Which memory checkOperandMemory lets a launch read, for every answer the
// driver's pointer query can give: device memory of the kernel's device and
// context, and managed memory; and the message for each kind it refuses.
// The driver query itself (Kernel.cpp) runs on the GPU, in
// liquid-runtime-checks.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/OperandMemory.h"

#include "gtest/gtest.h"

#include <string>

using namespace liquid::runtime;

namespace {

const std::string kKernel = "liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8";
constexpr uint64_t kAddress = 0x7f3a00001000;

PointerFacts deviceMemory(int device) {
  PointerFacts facts;
  facts.memory = PointerFacts::Memory::Device;
  facts.deviceOrdinal = device;
  return facts;
}

TEST(OperandMemoryTest, AcceptsDeviceMemoryOfTheKernelsDevice) {
  EXPECT_TRUE(checkOperandMemory("weights", kAddress, deviceMemory(0), 0,
                                 kKernel)
                  .ok());
  EXPECT_TRUE(checkOperandMemory("weights", kAddress, deviceMemory(3), 3,
                                 kKernel)
                  .ok());
}

TEST(OperandMemoryTest, AcceptsManagedMemoryWhereverItWasAllocated) {
  PointerFacts managed = deviceMemory(1);
  managed.managed = true;
  EXPECT_TRUE(checkOperandMemory("out", kAddress, managed, 0, kKernel).ok());
  managed.memory = PointerFacts::Memory::Host;
  EXPECT_TRUE(checkOperandMemory("out", kAddress, managed, 0, kKernel).ok());
}

TEST(OperandMemoryTest, RefusesAnAddressNoAllocationCovers) {
  Status s =
      checkOperandMemory("activations", kAddress, PointerFacts(), 0, kKernel);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "operand 'activations' at 0x7f3a00001000 is not device memory: "
            "no CUDA allocation covers it (a host pointer?)");
}

TEST(OperandMemoryTest, RefusesPageLockedHostMemory) {
  PointerFacts pinned;
  pinned.memory = PointerFacts::Memory::Host;
  pinned.deviceOrdinal = 0;
  Status s = checkOperandMemory("token_scales", kAddress, pinned, 0, kKernel);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "operand 'token_scales' at 0x7f3a00001000 is "
                         "page-locked host memory; kernel '" +
                             kKernel +
                             "' reads its operands from device memory");
}

TEST(OperandMemoryTest, RefusesMemoryOfAnotherDevice) {
  Status s =
      checkOperandMemory("weights", kAddress, deviceMemory(1), 0, kKernel);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "operand 'weights' at 0x7f3a00001000 is memory of "
                         "device 1, but kernel '" +
                             kKernel + "' runs on device 0");
}

TEST(OperandMemoryTest, RefusesMemoryOfAnotherContext) {
  PointerFacts foreign = deviceMemory(0);
  foreign.otherContext = true;
  Status s = checkOperandMemory("group_scales", kAddress, foreign, 0, kKernel);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "operand 'group_scales' at 0x7f3a00001000 belongs "
                         "to another CUDA context than the one kernel '" +
                             kKernel + "' was loaded in");
}

} // namespace
