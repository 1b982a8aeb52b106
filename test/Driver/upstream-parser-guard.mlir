// MLIR 22.1's custom parsers of linalg.transpose, linalg.broadcast and
// linalg.reduce crash (a null attribute) when `permutation =` or
// `dimensions =` is followed by anything but a list of integers; mlir-opt
// dies with a segmentation fault on this file. liquid-opt and liquid-compile
// refuse such input with the position instead (UpstreamParserGuard.h); `not`
// fails if the tool crashes.
// RUN: not liquid-opt %s 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not liquid-compile %s -o %t 2>&1 | FileCheck %s --check-prefix=COMPILE
// RUN: not liquid-opt %S/Inputs/guard-broadcast.mlir 2>&1 | FileCheck %s --check-prefix=BROADCAST
// RUN: not liquid-opt %S/Inputs/guard-reduce.mlir 2>&1 | FileCheck %s --check-prefix=REDUCE
// RUN: liquid-opt %S/Inputs/guard-valid.mlir | FileCheck %s --check-prefix=VALID

// OPT: liquid-opt: error: {{.*}}upstream-parser-guard.mlir:[[@LINE+7]]:76: 'permutation =' must be followed by a list of integers such as [1, 0] (MLIR 22.1's linalg parsers crash on anything else)
// COMPILE: liquid-compile: error: {{.*}}upstream-parser-guard.mlir:[[@LINE+6]]:76: 'permutation ='
// BROADCAST: guard-broadcast.mlir:2:74: 'dimensions =' must be followed by a list of integers
// REDUCE: guard-reduce.mlir:2:73: 'dimensions =' must be followed by a list of integers
// VALID-COUNT-2: linalg.transpose
// VALID: linalg.broadcast
func.func @transpose(%a: tensor<2x3xi8>, %b: tensor<3x2xi8>) -> tensor<3x2xi8> {
  %t = linalg.transpose ins(%a : tensor<2x3xi8>) outs(%b : tensor<3x2xi8>) permutation = [1,linalg.x
  return %t : tensor<3x2xi8>
}
