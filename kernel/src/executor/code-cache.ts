// Loads a large CommonJS module (the TypeScript compiler, 9 MB of JavaScript) with a V8 code cache
// kept on disk. Node 20 has no module.enableCompileCache(): without a cache every kernel start
// compiles the compiler again, and every function the first type check calls is compiled lazily.
// The cache is written once, after the warm-up, so it holds the bytecode of those functions too.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";

export interface CachedModule<T> {
  exports: T;
  /** True when V8 accepted the cached bytecode (false: none yet, or stale for this file, Node or flags). */
  cacheUsed: boolean;
  /** Writes the bytecode compiled so far, unless the cache was used; true when written. Never throws. */
  saveCache(): boolean;
}

/** Caches of older versions (of the module, Node or flags) are never read again: keep the newest few. */
const CACHES_KEPT = 6;

function dropOldCaches(cacheDir: string, moduleName: string): void {
  // Another kernel may be doing the same: a file gone meanwhile is simply skipped.
  const mtimeOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const caches = fs
    .readdirSync(cacheDir)
    .filter((name) => name.startsWith(`${moduleName}-`) && name.endsWith(".v8cache"))
    .map((name) => ({ file: path.join(cacheDir, name), mtime: mtimeOf(path.join(cacheDir, name)) }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of caches.slice(CACHES_KEPT)) fs.rmSync(file, { force: true });
}

/** $AXONE_CACHE_DIR, else $XDG_CACHE_HOME/axone, else ~/.cache/axone. */
export function defaultCacheDir(): string {
  if (process.env.AXONE_CACHE_DIR) return process.env.AXONE_CACHE_DIR;
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "axone");
}

/**
 * `require(id)` resolved from `fromFile`, compiled with the code cache of `cacheDir`. The module is
 * put in require.cache, so later plain `require(id)` calls get the same exports. `variant` keeps
 * apart caches of different uses (they hold the functions each use compiled).
 */
export function requireWithCodeCache<T>(id: string, fromFile: string, cacheDir: string = defaultCacheDir(), variant = ""): CachedModule<T> {
  const filename = createRequire(fromFile).resolve(id);
  const loaded = require.cache[filename];
  if (loaded) return { exports: loaded.exports as T, cacheUsed: false, saveCache: () => false };

  const source = fs.readFileSync(filename, "utf8");
  const stat = fs.statSync(filename);
  // V8 rejects bytecode of another source, V8 version or flag set; naming them keeps one file per variant.
  const key = createHash("sha256").update([filename, stat.size, stat.mtimeMs, process.version, process.arch, process.execArgv.join(" "), variant].join("\0")).digest("hex").slice(0, 20);
  const cacheFile = path.join(cacheDir, `${path.basename(filename, ".js")}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;

  const module = new Module(filename);
  module.filename = filename;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(path.dirname(filename));
  // In require.cache before it runs, as Node's loader does, so a cycle back to it sees its exports.
  require.cache[filename] = module;
  try {
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
    wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
    module.loaded = true;
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }

  let saved = false;
  const saveCache = (): boolean => {
    if (cacheUsed || saved) return false;
    // Written aside then renamed: a kernel starting meanwhile reads the old file or the new one, never half of one.
    const partial = `${cacheFile}.${process.pid}.${Date.now()}.partial`;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
      saved = true;
    } catch {
      fs.rmSync(partial, { force: true });
      return false;
    }
    try {
      dropOldCaches(cacheDir, path.basename(filename, ".js"));
    } catch {
      // Old caches only take disk space.
    }
    return true;
  };
  return { exports: module.exports as T, cacheUsed, saveCache };
}
