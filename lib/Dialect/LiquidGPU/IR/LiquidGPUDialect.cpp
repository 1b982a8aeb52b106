//===- LiquidGPUDialect.cpp - The liquid_gpu dialect ------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::liquid_gpu;

#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUOpsDialect.cpp.inc"

#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUOps.cpp.inc"

void LiquidGPUDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUOps.cpp.inc"
      >();
}

LLVM::InlineAsmOp mlir::liquid_gpu::createInlinePtx(
    OpBuilder &builder, Location loc, Type resultType, ValueRange operands,
    StringRef ptx, StringRef constraints, bool hasSideEffects) {
  MLIRContext *ctx = builder.getContext();
  return LLVM::InlineAsmOp::create(
      builder, loc, resultType, operands, builder.getStringAttr(ptx),
      builder.getStringAttr(constraints),
      hasSideEffects ? builder.getUnitAttr() : UnitAttr(),
      /*is_align_stack=*/UnitAttr(),
      LLVM::TailCallKindAttr::get(ctx, LLVM::TailCallKind::None),
      LLVM::AsmDialectAttr::get(ctx, LLVM::AsmDialect::AD_ATT),
      /*operand_attrs=*/ArrayAttr());
}

bool mlir::liquid_gpu::isLegalIntegerWgmmaN(int64_t n) {
  if (n < 8 || n > 256)
    return false;
  return n <= 32 ? n % 8 == 0 : n % 16 == 0;
}

//===----------------------------------------------------------------------===//
// WarpSpecializeOp
//===----------------------------------------------------------------------===//

LogicalResult WarpSpecializeOp::verify() {
  if (!getProducer().front().args_empty())
    return emitOpError("the producer region takes no arguments");
  Block &consumer = getConsumer().front();
  if (consumer.getNumArguments() != 1 ||
      !consumer.getArgument(0).getType().isIndex())
    return emitOpError("the consumer region takes exactly one 'index' "
                       "argument, the consumer's warp-group index");
  // setmaxnreg budgets are per thread, in multiples of 8, and the whole block
  // must fit the pool its threads start with.
  if (getProducerRegisters() % 8 != 0 || getConsumerRegisters() % 8 != 0)
    return emitOpError("register budgets must be multiples of 8 (setmaxnreg), "
                       "got ")
           << getProducerRegisters() << " and " << getConsumerRegisters();
  int64_t total = kWarpGroupSize * (getProducerRegisters() +
                                    getConsumers() * getConsumerRegisters());
  int64_t pool =
      getNumThreads() * getEntryRegisters(getConsumers(), getBlocksPerSm());
  if (total > pool)
    return emitOpError("register budgets need ")
           << total << " registers, more than the " << pool << " that "
           << getNumThreads() << " threads start with when "
           << getBlocksPerSm() << " block(s) share an SM";
  // ptxas sizes the entry registers from the kernel's .minnctapersm.
  if (auto kernel = (*this)->getParentOfType<gpu::GPUFuncOp>()) {
    auto minBlocks = kernel->getAttrOfType<IntegerAttr>(
        NVVM::NVVMDialect::getMinctasmAttrName());
    if (minBlocks &&
        minBlocks.getInt() != static_cast<int64_t>(getBlocksPerSm()))
      return emitOpError("budgets registers for ")
             << getBlocksPerSm() << " block(s) per SM, but the kernel's "
             << NVVM::NVVMDialect::getMinctasmAttrName() << " is "
             << minBlocks.getInt();
  }
  return success();
}

/// Hopper's register file: 64K 32-bit registers per SM, handed to threads in
/// multiples of 8, at most 255 per thread.
static constexpr int64_t kRegisterFile = 65536;
static constexpr int64_t kMaxEntryRegisters = 255;

int64_t WarpSpecializeOp::getEntryRegisters(int64_t consumers,
                                            int64_t blocksPerSM) {
  int64_t threads = getNumThreads(consumers);
  int64_t even = kRegisterFile / (blocksPerSM * threads) / 8 * 8;
  return std::min(kMaxEntryRegisters, even);
}

int64_t WarpSpecializeOp::getMaxConsumerRegisters(int64_t consumers,
                                                  int64_t blocksPerSM,
                                                  int64_t producerRegisters) {
  constexpr int64_t kMaxPerThread = 256;
  int64_t pool = (consumers + 1) * getEntryRegisters(consumers, blocksPerSM);
  int64_t perConsumer = (pool - producerRegisters) / consumers / 8 * 8;
  return std::min(kMaxPerThread, perConsumer);
}

//===----------------------------------------------------------------------===//
// LoadWeightFragmentOp
//===----------------------------------------------------------------------===//

LogicalResult LoadWeightFragmentOp::verify() {
  MemRefType type = getBuffer().getType();
  if (!gpu::GPUDialect::hasWorkgroupMemoryAddressSpace(type))
    return emitOpError("the weight buffer must be in workgroup (shared) "
                       "memory, got ")
           << type;
  if (ShapedType::isDynamic(type.getDimSize(0)) ||
      type.getDimSize(1) != ::liquid::quant::DualMmaLayout::kBlockBytes)
    return emitOpError("the weight buffer must hold one packed block of ")
           << ::liquid::quant::DualMmaLayout::kBlockBytes
           << " bytes per consumer, got " << type;
  if (!type.getLayout().isIdentity())
    return emitOpError("the weight buffer must be contiguous, got ") << type;
  return success();
}

//===----------------------------------------------------------------------===//
// WgmmaRSOp
//===----------------------------------------------------------------------===//

LogicalResult WgmmaRSOp::verify() {
  int64_t n = getN();
  if (!isLegalIntegerWgmmaN(n))
    return emitOpError("n = ")
           << n << " is not a legal N of an integer wgmma m64nNk32 (8, 16, "
                   "24, 32, then multiples of 16 up to 256)";
  // m64nN: 64 * N int32 accumulators spread over 128 threads.
  int64_t expected = n / 2;
  if (getAccumulator().getType().getNumElements() != expected)
    return emitOpError("the accumulator of m64n")
           << n << " holds " << expected << " i32 per thread, got "
           << getAccumulator().getType();
  return success();
}
