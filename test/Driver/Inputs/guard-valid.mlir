// Well-formed lists, an empty one, the generic form and a comment that
// mentions permutation = x all reach the parser.
func.func @valid(%a: tensor<2x3xi8>, %b: tensor<3x2xi8>, %c: tensor<3xi8>,
                 %d: tensor<2x3xi8>) -> (tensor<3x2xi8>, tensor<3x2xi8>, tensor<2x3xi8>) {
  %t = linalg.transpose ins(%a : tensor<2x3xi8>) outs(%b : tensor<3x2xi8>) permutation = [ 1 , 0 ]
  %g = "linalg.transpose"(%a, %b) <{permutation = array<i64: 1, 0>}> ({
  ^bb0(%in: i8, %out: i8):
    linalg.yield %in : i8
  }) : (tensor<2x3xi8>, tensor<3x2xi8>) -> tensor<3x2xi8>
  %e = linalg.broadcast ins(%c : tensor<3xi8>) outs(%d : tensor<2x3xi8>) dimensions = [0]
  return %t, %g, %e : tensor<3x2xi8>, tensor<3x2xi8>, tensor<2x3xi8>
}
