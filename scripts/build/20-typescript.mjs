// Compiles lib/ and kernel/ (project references) to their dist/ folders.
import { join } from "node:path";

export async function build({ root, run, log }) {
  log("tsc -b");
  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.json"]);
}
