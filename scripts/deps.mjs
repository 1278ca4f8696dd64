// What the project needs from Debian. `npm start` installs the first list,
// `npm test` both. Add a package here, never install one by hand.
export const debianForStart = [
  "jupyter-server",
  "jupyter-client",
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-jupyterlab-server",
  // lib/audio speak() and spokenDigits(): speech synthesis and resampling.
  "espeak-ng",
  "sox",
];

export const debianForTests = [
  ...debianForStart,
  "python3-ipykernel",
  "python3-jupyter-kernel-test",
  "python3-pytest",
  "chromium",
  // test/kernel and bench/kernel.py talk ZeroMQ and write notebooks directly.
  "python3-zmq",
  "python3-nbformat",
  // headless-gl (npm `gl`, built from source by scripts/build/70-headless-gl.mjs) and Xvfb, for the
  // gpujs backend's GL mode in test/unit/gpujs-headlessgl.test.ts (Mesa llvmpipe: software, but real shaders).
  "build-essential",
  "pkg-config",
  "libx11-dev",
  "libxi-dev",
  "libxext-dev",
  "libgl-dev",
  "libgl1",
  "libglx-mesa0",
  "libgl1-mesa-dri",
  "xvfb",
  "xauth",
];

// The Python that has Debian's Jupyter packages; the `python3` first on PATH may be another.
export const systemPython = "/usr/bin/python3";
