//===- FuzzContext.h - What the liquid fuzzers register ----------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The dialects, interfaces and translations that liquid's compiler needs, and
// nothing else, shared by the fuzz targets; and a diagnostic handler that
// collects what the compiler reports instead of printing or aborting.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUID_FUZZ_FUZZCONTEXT_H
#define LIQUID_TOOLS_LIQUID_FUZZ_FUZZCONTEXT_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <memory>

namespace mlir::liquid::fuzz {

/// The registry of every fuzzed context: the upstream dialects that appear in
/// liquid's inputs and lowerings (func, arith, tensor, memref, linalg,
/// bufferization, scf, cf, affine, index, math, ub, vector, gpu, nvgpu, nvvm,
/// llvm), their bufferization / to-LLVM / target interfaces, the LLVM IR
/// translations, and the `liquid` and `liquid_gpu` dialects. Built once.
const DialectRegistry &getRegistry();

/// A fresh single-threaded context over getRegistry() with every dialect
/// loaded (as liquid-compile loads them). Each input gets its own, so no state
/// leaks from one input to the next and a crash reproduces from its input
/// alone.
std::unique_ptr<MLIRContext> makeContext();

/// Installs a handler on `ctx` that swallows every diagnostic: the fuzzers
/// look for crashes and sanitizer reports, not for rejected inputs. With
/// LIQUID_FUZZ_VERBOSE set in the environment (to reproduce one input) the
/// diagnostics are printed to stderr instead.
class DiagnosticSink {
public:
  explicit DiagnosticSink(MLIRContext &ctx);
  ~DiagnosticSink();
  DiagnosticSink(const DiagnosticSink &) = delete;
  DiagnosticSink &operator=(const DiagnosticSink &) = delete;

  /// Number of errors reported so far.
  unsigned errors() const { return numErrors; }

private:
  MLIRContext &ctx;
  DiagnosticEngine::HandlerID id;
  unsigned numErrors = 0;
};

/// Whether LIQUID_FUZZ_VERBOSE is set.
bool verbose();

} // namespace mlir::liquid::fuzz

#endif // LIQUID_TOOLS_LIQUID_FUZZ_FUZZCONTEXT_H
