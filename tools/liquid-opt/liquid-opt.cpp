//===- liquid-opt.cpp - The liquid optimizer driver -------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the liquid dialects and passes: every upstream dialect,
// extension and pass is registered too, so that IR from other compilers
// (linalg, tensor, arith, ...) can be read and lowered in one tool.
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/Passes.h"
#include "liquid/Dialect/Liquid/IR/Liquid.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"
#include "liquid/Driver/UpstreamParserGuard.h"
#include "liquid/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::liquid::registerLiquidPasses();
  mlir::liquid::registerLiquidConversionPasses();
  mlir::liquid::registerLiquidPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // gpu-module-to-binary translates the kernels to LLVM IR in-process.
  mlir::registerAllToLLVMIRTranslations(registry);
  registry.insert<mlir::liquid::LiquidDialect,
                  mlir::liquid_gpu::LiquidGPUDialect>();
  mlir::liquid::registerBufferizableOpInterfaceExternalModels(registry);

  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "liquid optimizer driver\n", registry);
  // Refuse a file that MLIR 22.1's parser would crash on (standard input is
  // read once, by MlirOptMain, and goes unchecked).
  if (inputFilename != "-") {
    std::string error;
    if (auto file = mlir::openInputFile(inputFilename, &error)) {
      if (std::optional<std::string> hazard =
              mlir::liquid::findUpstreamParserHazard(file->getBuffer())) {
        llvm::WithColor::error(llvm::errs(), "liquid-opt")
            << inputFilename << ":" << *hazard << "\n";
        return 1;
      }
    }
  }
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, inputFilename, outputFilename, registry));
}
