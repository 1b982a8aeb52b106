// RUN: liquid-opt %s -split-input-file -canonicalize | FileCheck %s
// RUN: liquid-opt %s -split-input-file -verify-roundtrip | FileCheck %s --check-prefix=ROUNDTRIP

// `liquid.pack_group_params` of a constant folds to the reordered constant
// (liquid::quant::packGroupParams, the order the kernel's TMA copies into
// each stage). Here param(row, g) = 2 row + g over one 64-row block and two
// groups: per group, lane quad q = 8 w + l / 4 holds rows 16 w + l / 4 and
// 16 w + l / 4 + 8, the quads in order, so the bytes start (row 0, g 0),
// (row 8, g 0), (row 1, g 0), (row 9, g 0) = 0x00 0x10 0x02 0x12 ..., and
// group 1's 64 bytes follow group 0's: (row 0, g 1) = 0x01 at byte 64.
// CHECK-LABEL: func.func @fold_block
// CHECK: %[[C:.*]] = arith.constant dense<"0x001002120414061608180A1A0C1C0E1E203022322434263628382A3A2C3C2E3E405042524454465648584A5A4C5C4E5E607062726474667668786A7A6C7C6E7E011103130515071709190B1B0D1D0F1F213123332535273729392B3B2D3D2F3F415143534555475749594B5B4D5D4F5F617163736575677769796B7B6D7D6F7F"> : tensor<64x2xi8>
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
