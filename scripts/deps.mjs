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
];

// The Python that has Debian's Jupyter packages; the `python3` first on PATH may be another.
export const systemPython = "/usr/bin/python3";
