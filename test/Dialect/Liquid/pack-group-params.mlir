// RUN: liquid-opt %s -split-input-file -canonicalize | FileCheck %s
// RUN: liquid-opt %s -split-input-file -verify-roundtrip | FileCheck %s --check-prefix=ROUNDTRIP

// `liquid.pack_group_params` of a constant folds to the reordered constant
// (liquid::quant::packGroupParams, the order of the kernel's 16-bit parameter
// loads). Here param(row, g) = 2 row + g over one 64-row block and two
// groups: lane quad q = 8 w + l / 4 holds rows 16 w + l / 4 and
// 16 w + l / 4 + 8, its pairs for groups 0 and 1 together, so the bytes
// start (row 0, g 0), (row 8, g 0), (row 0, g 1), (row 8, g 1), (row 1, g 0)
// = 0x00 0x10 0x01 0x11 0x02 ...
// CHECK-LABEL: func.func @fold_block
// CHECK: %[[C:.*]] = arith.constant dense<"0x00100111021203130414051506160717081809190A1A0B1B0C1C0D1D0E1E0F1F20302131223223332434253526362737283829392A3A2B3B2C3C2D3D2E3E2F3F40504151425243534454455546564757485849594A5A4B5B4C5C4D5D4E5E4F5F60706171627263736474657566766777687869796A7A6B7B6C7C6D7D6E7E6F7F"> : tensor<64x2xi8>
// CHECK-NOT: liquid.pack_group_params
// CHECK: return %[[C]]
func.func @fold_block() -> tensor<64x2xi8> {
  %params = arith.constant dense<[
    [0, 1],
    [2, 3],
    [4, 5],
    [6, 7],
    [8, 9],
    [10, 11],
    [12, 13],
    [14, 15],
    [16, 17],
    [18, 19],
    [20, 21],
    [22, 23],
    [24, 25],
    [26, 27],
    [28, 29],
    [30, 31],
    [32, 33],
    [34, 35],
    [36, 37],
    [38, 39],
    [40, 41],
    [42, 43],
    [44, 45],
    [46, 47],
    [48, 49],
    [50, 51],
    [52, 53],
    [54, 55],
    [56, 57],
    [58, 59],
    [60, 61],
    [62, 63],
    [64, 65],
    [66, 67],
    [68, 69],
    [70, 71],
    [72, 73],
    [74, 75],
    [76, 77],
    [78, 79],
    [80, 81],
    [82, 83],
    [84, 85],
    [86, 87],
    [88, 89],
    [90, 91],
    [92, 93],
    [94, 95],
    [96, 97],
    [98, 99],
    [100, 101],
    [102, 103],
    [104, 105],
    [106, 107],
    [108, 109],
    [110, 111],
    [112, 113],
    [114, 115],
    [116, 117],
    [118, 119],
    [120, 121],
    [122, 123],
    [124, 125],
    [126, 127]]> : tensor<64x2xi8>
  %packed = liquid.pack_group_params %params : tensor<64x2xi8>
  return %packed : tensor<64x2xi8>
}

// -----

// A permutation of a splat is the splat.
// CHECK-LABEL: func.func @fold_splat
// CHECK: %[[C:.*]] = arith.constant dense<7> : tensor<128x4xi8>
// CHECK-NOT: liquid.pack_group_params
// CHECK: return %[[C]]
func.func @fold_splat() -> tensor<128x4xi8> {
  %params = arith.constant dense<7> : tensor<128x4xi8>
  %packed = liquid.pack_group_params %params : tensor<128x4xi8>
  return %packed : tensor<128x4xi8>
}

// -----

// Parameters that are function arguments stay packed at run time.
// CHECK-LABEL: func.func @not_constant
// CHECK: liquid.pack_group_params %{{.*}} : tensor<128x4xi8>
// ROUNDTRIP-LABEL: func.func @not_constant
// ROUNDTRIP: liquid.pack_group_params %{{.*}} : tensor<128x4xi8>
func.func @not_constant(%s: tensor<128x4xi8>) -> tensor<128x4xi8> {
  %packed = liquid.pack_group_params %s : tensor<128x4xi8>
  return %packed : tensor<128x4xi8>
}
