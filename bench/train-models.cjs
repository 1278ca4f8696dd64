// The networks of the training benchmarks, shared by bench/train.mjs and bench/train-accuracy.mjs.
const { nn } = require("axone");

/** LeNet-5 for 28×28 digits (padding 2 on the first convolution, as for MNIST). */
function lenet5() {
  return new nn.Sequential(
    new nn.Conv2d(1, 6, 5, { padding: 2 }), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(6, 16, 5), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(400, 120), new nn.ReLU(),
    new nn.Linear(120, 84), new nn.ReLU(),
    new nn.Linear(84, 10),
  );
}

/** The overview course's MNIST network: Conv2d(1,32,5) ReLU MaxPool(3) Conv2d(32,64,5) MaxPool(2) Linear(256,200) Linear(200,10). */
function courseMnistNet() {
  return new nn.Sequential(
    new nn.Conv2d(1, 32, 5), new nn.ReLU(), new nn.MaxPool2d(3),
    new nn.Conv2d(32, 64, 5), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(256, 200), new nn.ReLU(),
    new nn.Linear(200, 10),
  );
}

module.exports = { lenet5, courseMnistNet };
