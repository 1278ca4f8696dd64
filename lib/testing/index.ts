// axone.testing: the small assertions that course check cells and graded exercises use.
// Messages are in French (the courses' language) and say what was expected and what came out, so a
// student reading a failed test knows what to fix. Each passing assertion prints one "✓ …" line:
// a check cell then shows what it verified, and the grader's feedback shows what passed.

import { Tensor } from "../core/tensor";

/** What the assertions accept: a tensor, a number, a boolean or nested arrays of them. */
export type Checkable = Tensor | number | boolean | readonly Checkable[];

/** Options shared by the assertions. `quiet: true` prints nothing when the assertion holds. */
export interface AssertOptions {
  quiet?: boolean;
}

/** Raised by every assertion of axone.testing; its message starts with "vérification échouée". */
export class AssertionFailed extends Error {
  constructor(message: string) {
    super(`vérification échouée : ${message}`);
    this.name = "AssertionFailed";
  }
}

function pass(message: string, options?: AssertOptions): void {
  if (!options?.quiet) console.log(`✓ ${message}`);
}

function shapeOf(value: Checkable): number[] {
  if (value instanceof Tensor) return [...value.shape];
  const shape: number[] = [];
  let level: Checkable = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = (level as readonly Checkable[])[0];
  }
  return shape;
}

function flatValues(value: Checkable, what: string): number[] {
  if (value instanceof Tensor) return (value.reshape([-1]).toArray() as (number | boolean)[]).map(Number);
  if (typeof value === "number" || typeof value === "boolean") return [Number(value)];
  if (Array.isArray(value)) return (value as readonly Checkable[]).flatMap((item) => flatValues(item, what));
  throw new AssertionFailed(`${what} : on attendait un nombre, un tableau ou un tenseur, on a obtenu ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined (la fonction renvoie-t-elle quelque chose ?)";
  if (value === null) return "null";
  if (value instanceof Tensor) return `un tenseur de forme [${value.shape.join(", ")}]`;
  if (typeof value === "string") return `le texte ${JSON.stringify(value)}`;
  return typeof value === "object" ? `un objet ${value.constructor?.name ?? ""}`.trim() : String(value);
}

function show(values: number[]): string {
  const shown = values.slice(0, 12).map((v) => String(Number.isInteger(v) ? v : +v.toPrecision(6)));
  if (values.length > 12) shown.push(`… (${values.length} valeurs)`);
  return values.length === 1 ? shown[0] : `[${shown.join(", ")}]`;
}

/**
 * Fails with `message` when `condition` is false; prints "✓ message" when it holds.
 * @example
 * testing.check(1 + 1 === 2, "1 + 1 = 2");   // ✓ 1 + 1 = 2
 */
export function check(condition: boolean, message: string, options?: AssertOptions): void {
  if (!condition) throw new AssertionFailed(message);
  pass(message, options);
}

/**
 * Checks that `actual` equals `expected` within `tolerance` (absolute difference, element by element),
 * for numbers, nested arrays and tensors alike; shapes must hold the same number of values.
 * A NaN never passes.
 * @example
 * const t = tensor([1, 2, 4], { requiresGrad: true });
 * t.pow(2).sum().backward();
 * testing.assertClose(t.grad!, [2, 4, 8], 1e-6, "gradient de sum(t²)");   // ✓ gradient de sum(t²) = [2, 4, 8]
 */
export function assertClose(actual: Checkable, expected: Checkable, tolerance: number, what: string, options?: AssertOptions): void {
  const got = flatValues(actual, what);
  const want = flatValues(expected, what);
  if (got.length !== want.length) {
    throw new AssertionFailed(`${what} : on attendait ${want.length} valeur(s) (forme [${shapeOf(expected)}]), on en a obtenu ${got.length} (forme [${shapeOf(actual)}])`);
  }
  let worst = 0;
  let worstIndex = -1;
  for (let i = 0; i < got.length; i++) {
    const gap = Math.abs(got[i] - want[i]);
    if (!(gap <= tolerance)) {
      if (Number.isNaN(gap)) {
        throw new AssertionFailed(`${what} : la valeur ${i} est ${got[i]}, on attendait ${want[i]}`);
      }
      if (gap > worst) {
        worst = gap;
        worstIndex = i;
      }
    }
  }
  if (worstIndex >= 0) {
    const where = got.length === 1 ? "" : ` (le plus grand écart est à la valeur ${worstIndex} : ${got[worstIndex]} au lieu de ${want[worstIndex]})`;
    throw new AssertionFailed(`${what} = ${show(got)}, on attendait ${show(want)} à ${tolerance} près${where}`);
  }
  pass(`${what} = ${show(got)}`, options);
}

/**
 * Checks the shape of a tensor or of nested arrays.
 * @example
 * testing.assertShape(zeros([2, 3]), [2, 3], "la matrice de poids");   // ✓ la matrice de poids : forme [2, 3]
 */
export function assertShape(actual: Checkable, shape: readonly number[], what: string, options?: AssertOptions): void {
  if (!(actual instanceof Tensor) && !Array.isArray(actual) && typeof actual !== "number") {
    throw new AssertionFailed(`${what} : on attendait un tableau ou un tenseur de forme [${shape.join(", ")}], on a obtenu ${describe(actual)}`);
  }
  const got = shapeOf(actual);
  if (got.join(",") !== shape.join(",")) {
    throw new AssertionFailed(`${what} : on attendait la forme [${shape.join(", ")}], on a obtenu [${got.join(", ")}]`);
  }
  pass(`${what} : forme [${shape.join(", ")}]`, options);
}

/**
 * Checks strict equality of two plain values (numbers, strings, booleans, or arrays/objects of them,
 * compared through their JSON text).
 * @example
 * testing.assertEqual(prediction, 7, "le chiffre prédit");
 */
export function assertEqual<T>(actual: T, expected: T, what: string, options?: AssertOptions): void {
  const same = typeof expected === "object" && expected !== null ? JSON.stringify(actual) === JSON.stringify(expected) : Object.is(actual, expected);
  if (!same) {
    throw new AssertionFailed(`${what} : on attendait ${JSON.stringify(expected)}, on a obtenu ${actual instanceof Tensor ? describe(actual) : JSON.stringify(actual) ?? describe(actual)}`);
  }
  pass(`${what} = ${JSON.stringify(actual)}`, options);
}

/**
 * Checks that `run` throws; `pattern` (a regular expression or a piece of text) must then match the message.
 * @example
 * testing.assertThrows(() => zeros([2, 3]).matmul(zeros([4, 5])), /matmul/, "un produit de formes incompatibles");
 */
export function assertThrows(run: () => unknown, pattern: RegExp | string | undefined, what: string, options?: AssertOptions): void {
  let message: string | undefined;
  try {
    run();
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  if (message === undefined) throw new AssertionFailed(`${what} : on attendait une erreur, il n'y en a pas eu`);
  const matches = pattern === undefined || (typeof pattern === "string" ? message.includes(pattern) : pattern.test(message));
  if (!matches) throw new AssertionFailed(`${what} : l'erreur « ${message} » ne correspond pas à ${String(pattern)}`);
  pass(`${what} : erreur « ${message} »`, options);
}
