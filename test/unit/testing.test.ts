import { describe, expect, it, vi } from "vitest";
import { tensor, zeros, testing } from "axone";

describe("axone.testing", () => {
  it("assertClose passes within tolerance, prints what it checked, and compares tensors with arrays", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const t = tensor([1, 2, 4], { requiresGrad: true });
    t.pow(2).sum().backward();
    testing.assertClose(t.grad!, [2, 4, 8], 1e-6, "gradient de sum(t²)");
    testing.assertClose(0.30000000000000004, 0.3, 1e-12, "0,1 + 0,2");
    testing.assertClose([[1, 2], [3, 4]], tensor([[1, 2], [3, 4]]), 0, "matrice");
    expect(log.mock.calls.map((c) => c[0])).toEqual(["✓ gradient de sum(t²) = [2, 4, 8]", "✓ 0,1 + 0,2 = 0.3", "✓ matrice = [1, 2, 3, 4]"]);
    log.mockRestore();
  });

  it("assertClose names the worst value, the expected one and the tolerance when it fails", () => {
    expect(() => testing.assertClose([1, 2, 3.5], [1, 2, 3], 0.1, "dérivée", { quiet: true })).toThrow(
      "vérification échouée : dérivée = [1, 2, 3.5], on attendait [1, 2, 3] à 0.1 près (le plus grand écart est à la valeur 2 : 3.5 au lieu de 3)",
    );
    expect(() => testing.assertClose(Number.NaN, 1, 1, "perte", { quiet: true })).toThrow("la valeur 0 est NaN");
    expect(() => testing.assertClose([1, 2], [1, 2, 3], 0, "vecteur", { quiet: true })).toThrow("on attendait 3 valeur(s) (forme [3]), on en a obtenu 2 (forme [2])");
    expect(() => testing.assertClose(undefined as never, 1, 0, "résultat", { quiet: true })).toThrow("la fonction renvoie-t-elle quelque chose");
    expect(() => testing.assertClose(tensor([1, 2]), 1, 0, "x", { quiet: true })).toThrow(testing.AssertionFailed);
  });

  it("assertShape, assertEqual, check and assertThrows", () => {
    testing.assertShape(zeros([2, 3]), [2, 3], "poids", { quiet: true });
    testing.assertShape([[1, 2, 3]], [1, 3], "liste", { quiet: true });
    expect(() => testing.assertShape(zeros([3, 2]), [2, 3], "poids", { quiet: true })).toThrow("on attendait la forme [2, 3], on a obtenu [3, 2]");
    expect(() => testing.assertShape("abc" as never, [3], "x", { quiet: true })).toThrow("le texte \"abc\"");
    testing.assertEqual([1, "a"], [1, "a"], "liste", { quiet: true });
    expect(() => testing.assertEqual(7, 1, "le chiffre prédit", { quiet: true })).toThrow("le chiffre prédit : on attendait 1, on a obtenu 7");
    testing.check(true, "vrai", { quiet: true });
    expect(() => testing.check(false, "faux")).toThrow("vérification échouée : faux");
    testing.assertThrows(() => zeros([2, 3]).matmul(zeros([4, 5])), /matmul/, "formes incompatibles", { quiet: true });
    expect(() => testing.assertThrows(() => 1, undefined, "rien", { quiet: true })).toThrow("on attendait une erreur, il n'y en a pas eu");
    expect(() => testing.assertThrows(() => { throw new Error("autre"); }, "matmul", "mauvais message", { quiet: true })).toThrow("ne correspond pas");
  });
});
