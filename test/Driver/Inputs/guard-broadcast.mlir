func.func @broadcast(%a: tensor<3xi8>, %b: tensor<2x3xi8>) -> tensor<2x3xi8> {
  %t = linalg.broadcast ins(%a : tensor<3xi8>) outs(%b : tensor<2x3xi8>) dimensions = [0,x
  return %t : tensor<2x3xi8>
}
