// Rewrites one notebook cell so that it runs as a script whose top-level declarations outlive it:
//   const/let/var x = e      → globalThis.x = e          (so a re-run of `const x` works)
//   function f() {}          → globalThis.f = function f() {}   (hoisted to the top, as JS hoists)
//   class A {}               → globalThis.A = class A {}
//   enum/namespace E         → kept, then globalThis.E = E
//   import { a as b } from m → const m$ = await __axone.load("m"); globalThis.b = m$.a
//   await e                  → await __axone.w(e)   (lets an interrupt stop a pending await)
//   loop bodies              → { __axone.c(); ... }  (lets an interrupt stop any loop of the cell)
//   last expression e        → return { value: e }
// and wraps everything in `(async () => { ... })()` for top-level await. The rewrite runs before
// TypeScript strips the types, so the emitted source map points at the cell's own lines.
import ts from "typescript";

export const RUNTIME = "__axone";

export interface TransformInfo {
  /** Top-level names the cell declares (values and types), in source order. */
  declared: string[];
  /** Whether the cell ends with an expression whose value is its result. */
  hasResult: boolean;
}

export function cellTransformer(info: TransformInfo): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const runtime = (name: string) => f.createPropertyAccessExpression(f.createIdentifier(RUNTIME), name);
    const globalRef = (name: string) => f.createPropertyAccessExpression(f.createIdentifier("globalThis"), name);
    const assignGlobal = (name: string, value: ts.Expression, original?: ts.Node) => {
      const statement = f.createExpressionStatement(f.createAssignment(globalRef(name), value));
      return original ? ts.setTextRange(statement, original) : statement;
    };
    const declare = (name: string) => {
      if (!info.declared.includes(name)) info.declared.push(name);
    };
    let moduleCounter = 0;

    // `await e` anywhere in the cell, nested functions included.
    const checkpoint = () => f.createExpressionStatement(f.createCallExpression(runtime("c"), undefined, []));
    const withCheckpoint = (body: ts.Statement): ts.Statement =>
      f.createBlock([checkpoint(), ...(ts.isBlock(body) ? body.statements : [body])], true);
    const rewriteAwaits = (node: ts.Node): ts.Node => {
      if (ts.isAwaitExpression(node)) {
        const inner = ts.visitNode(node.expression, rewriteAwaits) as ts.Expression;
        return f.updateAwaitExpression(node, f.createCallExpression(runtime("w"), undefined, [inner]));
      }
      // Every loop of the cell starts its body with a checkpoint that an interrupt can trip, so
      // that even a synchronous loop running after an await (out of breakOnSigint's reach) stops.
      if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
        const visited = ts.visitEachChild(node, rewriteAwaits, context) as typeof node;
        const body = withCheckpoint(visited.statement);
        if (ts.isWhileStatement(visited)) return f.updateWhileStatement(visited, visited.expression, body);
        if (ts.isDoStatement(visited)) return f.updateDoStatement(visited, body, visited.expression);
        if (ts.isForStatement(visited)) return f.updateForStatement(visited, visited.initializer, visited.condition, visited.incrementor, body);
        if (ts.isForOfStatement(visited)) return f.updateForOfStatement(visited, visited.awaitModifier, visited.initializer, visited.expression, body);
        return f.updateForInStatement(visited as ts.ForInStatement, (visited as ts.ForInStatement).initializer, (visited as ts.ForInStatement).expression, body);
      }
      return ts.visitEachChild(node, rewriteAwaits, context);
    };
    const visitExpression = (node: ts.Expression) => ts.visitNode(node, rewriteAwaits) as ts.Expression;

    // A binding pattern (`{a, b: [c]}`) becomes an assignment pattern on globalThis properties.
    const toAssignmentTarget = (name: ts.BindingName): ts.Expression => {
      if (ts.isIdentifier(name)) {
        declare(name.text);
        return globalRef(name.text);
      }
      if (ts.isObjectBindingPattern(name)) {
        return f.createObjectLiteralExpression(
          name.elements.map((element) => {
            const target = toAssignmentTarget(element.name);
            const valueTarget = element.initializer ? f.createAssignment(target, visitExpression(element.initializer)) : target;
            if (element.dotDotDotToken) return f.createSpreadAssignment(target);
            const key = element.propertyName ?? (ts.isIdentifier(element.name) ? f.createIdentifier(element.name.text) : undefined);
            if (!key) throw new Error("unexpected binding pattern");
            return f.createPropertyAssignment(ts.isComputedPropertyName(key) ? f.createComputedPropertyName(visitExpression(key.expression)) : (key as ts.PropertyName), valueTarget);
          }),
        );
      }
      return f.createArrayLiteralExpression(
        name.elements.map((element) => {
          if (ts.isOmittedExpression(element)) return f.createOmittedExpression();
          const target = toAssignmentTarget(element.name);
          if (element.dotDotDotToken) return f.createSpreadElement(target);
          return element.initializer ? f.createAssignment(target, visitExpression(element.initializer)) : target;
        }),
      );
    };

    const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
      ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);

    return (file) => {
      const hoisted: ts.Statement[] = [];
      const body: ts.Statement[] = [];
      const statements = file.statements;
      const last = statements[statements.length - 1];

      for (const statement of statements) {
        if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) {
          body.push(statement);
          continue;
        }
        if (ts.isVariableStatement(statement)) {
          const isVar = !(statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
          for (const declaration of statement.declarationList.declarations) {
            if (ts.isIdentifier(declaration.name)) {
              const name = declaration.name.text;
              declare(name);
              const value = declaration.initializer
                ? visitExpression(declaration.initializer)
                : isVar
                  ? globalRef(name) // `var x;` keeps an existing value, as JS does
                  : f.createVoidZero();
              body.push(assignGlobal(name, value, declaration));
            } else if (declaration.initializer) {
              const pattern = toAssignmentTarget(declaration.name);
              body.push(ts.setTextRange(f.createExpressionStatement(f.createParenthesizedExpression(f.createAssignment(pattern, visitExpression(declaration.initializer)))), declaration));
            }
          }
          continue;
        }
        if (ts.isFunctionDeclaration(statement)) {
          if (!statement.body || !statement.name) {
            if (!statement.body) continue; // overload signature
            body.push(ts.visitNode(statement, rewriteAwaits) as ts.Statement); // export default function () {}
            continue;
          }
          const name = statement.name.text;
          declare(name);
          const modifiers = (ts.getModifiers(statement) ?? []).filter((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
          const expression = f.createFunctionExpression(
            modifiers,
            statement.asteriskToken,
            f.createIdentifier(name),
            statement.typeParameters,
            statement.parameters,
            statement.type,
            ts.visitNode(statement.body, rewriteAwaits) as ts.Block,
          );
          ts.setTextRange(expression, statement);
          hoisted.push(assignGlobal(name, expression, statement));
          continue;
        }
        if (ts.isClassDeclaration(statement) && statement.name) {
          const name = statement.name.text;
          declare(name);
          const modifiers = (ts.getModifiers(statement) ?? []).filter((modifier) => modifier.kind === ts.SyntaxKind.AbstractKeyword);
          const decorators = (statement.modifiers ?? []).filter(ts.isDecorator);
          const expression = f.createClassExpression(
            [...decorators, ...modifiers],
            f.createIdentifier(name),
            statement.typeParameters,
            statement.heritageClauses,
            statement.members.map((member) => ts.visitNode(member, rewriteAwaits) as ts.ClassElement),
          );
          ts.setTextRange(expression, statement);
          body.push(assignGlobal(name, expression, statement));
          continue;
        }
        if (ts.isEnumDeclaration(statement) || (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name))) {
          const name = (statement.name as ts.Identifier).text;
          declare(name);
          body.push(statement);
          // A const enum or a types-only namespace emits nothing: guard the copy.
          body.push(f.createIfStatement(
            f.createBinaryExpression(f.createTypeOfExpression(f.createIdentifier(name)), ts.SyntaxKind.ExclamationEqualsEqualsToken, f.createStringLiteral("undefined")),
            assignGlobal(name, f.createIdentifier(name)),
          ));
          continue;
        }
        if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
          declare(statement.name.text);
          body.push(statement);
          continue;
        }
        if (ts.isImportDeclaration(statement)) {
          const clause = statement.importClause;
          if (clause?.isTypeOnly) {
            // `import type`: only the checker cares.
            if (clause.name) declare(clause.name.text);
            continue;
          }
          const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
          const load = f.createAwaitExpression(f.createCallExpression(runtime("load"), undefined, [f.createStringLiteral(specifier)]));
          if (!clause) {
            body.push(ts.setTextRange(f.createExpressionStatement(load), statement));
            continue;
          }
          const local = f.createUniqueName(`module${moduleCounter++}`);
          body.push(ts.setTextRange(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(local, undefined, undefined, load)], ts.NodeFlags.Const)), statement));
          if (clause.name) {
            declare(clause.name.text);
            body.push(assignGlobal(clause.name.text, f.createCallExpression(runtime("def"), undefined, [local]), statement));
          }
          const bindings = clause.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) {
            declare(bindings.name.text);
            body.push(assignGlobal(bindings.name.text, local, statement));
          } else if (bindings) {
            for (const element of bindings.elements) {
              declare(element.name.text);
              if (element.isTypeOnly) continue;
              const imported = element.propertyName ?? element.name;
              const value = ts.isIdentifier(imported) && imported.text === "default"
                ? f.createCallExpression(runtime("def"), undefined, [local])
                : f.createElementAccessExpression(local, f.createStringLiteral(ts.isIdentifier(imported) ? imported.text : imported.text));
              body.push(assignGlobal(element.name.text, value, element));
            }
          }
          continue;
        }
        if (ts.isImportEqualsDeclaration(statement)) {
          declare(statement.name.text);
          if (statement.isTypeOnly) continue;
          const reference = statement.moduleReference;
          const value = ts.isExternalModuleReference(reference)
            ? f.createAwaitExpression(f.createCallExpression(runtime("load"), undefined, [reference.expression]))
            : (reference as ts.Expression);
          body.push(assignGlobal(statement.name.text, value, statement));
          continue;
        }
        if (ts.isExportDeclaration(statement)) continue; // `export { a }`, `export {}`: nothing to run
        if (ts.isExportAssignment(statement)) {
          const expression = visitExpression(statement.expression);
          body.push(statement === last ? resultStatement(expression, statement) : ts.setTextRange(f.createExpressionStatement(expression), statement));
          if (statement === last) info.hasResult = true;
          continue;
        }
        if (statement === last && ts.isExpressionStatement(statement)) {
          info.hasResult = true;
          body.push(resultStatement(visitExpression(statement.expression), statement));
          continue;
        }
        body.push(ts.visitNode(statement, rewriteAwaits) as ts.Statement);
      }

      function resultStatement(expression: ts.Expression, original: ts.Node) {
        return ts.setTextRange(f.createReturnStatement(f.createObjectLiteralExpression([f.createPropertyAssignment("value", expression)])), original);
      }

      const arrow = f.createArrowFunction([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, [], undefined, undefined, f.createBlock([...hoisted, ...body], true));
      const run = f.createExpressionStatement(f.createCallExpression(f.createParenthesizedExpression(arrow), undefined, []));
      return f.updateSourceFile(file, [run]);
    };
  };
}
