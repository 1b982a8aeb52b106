//===- BufferizableOpInterfaceImpl.cpp - liquid bufferization ---*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// One-shot bufferization of the liquid ops. liquid.w4a8_matmul is in
// destination-passing style: its result is tied to `init`, the inputs are
// read and `init` is written, so the op bufferizes in place into its memref
// form. Every element of `init` is overwritten and none is read, so a
// destination that cannot be reused gets a fresh buffer, not a copy.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/IR/Liquid.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace mlir::liquid;

namespace {
struct W4A8MatmulOpInterface
    : public DstBufferizableOpInterfaceExternalModel<W4A8MatmulOpInterface,
                                                     W4A8MatmulOp> {
  bool bufferizesToMemoryRead(Operation *op, OpOperand &opOperand,
                              const AnalysisState &state) const {
    return !cast<DestinationStyleOpInterface>(op).isDpsInit(&opOperand);
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto matmul = cast<W4A8MatmulOp>(op);
    if (!matmul.hasTensorSemantics())
      return success();

    SmallVector<Value> buffers;
    buffers.reserve(op->getNumOperands());
    for (Value operand : op->getOperands()) {
      FailureOr<Value> buffer = getBuffer(rewriter, operand, options, state);
      if (failed(buffer))
        return failure();
      buffers.push_back(*buffer);
    }

    // The memref form has the same operands and
    // attributes, and no result.
    rewriter.setInsertionPoint(op);
    OperationState memrefForm(op->getLoc(), op->getName(), buffers,
                              /*types=*/TypeRange(), op->getAttrs());
    memrefForm.propertiesAttr = op->getPropertiesAsAttribute();
    rewriter.create(memrefForm);
    Value initBuffer = buffers[matmul.getInitMutable().getOperandNumber()];
    replaceOpWithBufferizedValues(rewriter, op, initBuffer);
    return success();
  }
};
} // namespace

void mlir::liquid::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, LiquidDialect *) {
    W4A8MatmulOp::attachInterface<W4A8MatmulOpInterface>(*ctx);
  });
}
