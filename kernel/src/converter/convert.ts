// One cell, TypeScript → JavaScript that the executor runs as a script (see transform.ts).
import ts from "typescript";
import { cellTransformer, type TransformInfo } from "./transform";

export interface ConvertedCell {
  /** JavaScript: one expression statement evaluating to the promise of `{ value }` or undefined. */
  js: string;
  /** Source map (JSON text) from the JavaScript back to the cell. */
  sourceMap: string;
  declared: string[];
  hasResult: boolean;
  /** Syntax errors: the cell cannot run at all. */
  syntaxErrors: CellDiagnostic[];
}

export interface CellDiagnostic {
  /** 1-based line and column in the cell. */
  line: number;
  column: number;
  code: number;
  message: string;
}

export const transpileOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: true,
  inlineSources: false,
  removeComments: false,
  experimentalDecorators: false,
  useDefineForClassFields: true,
  esModuleInterop: true,
  alwaysStrict: false,
  ignoreDeprecations: "6.0",
};

export function diagnosticOf(file: ts.SourceFile | undefined, diagnostic: ts.Diagnostic): CellDiagnostic {
  const position = file && diagnostic.start !== undefined ? file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0, character: 0 };
  return {
    line: position.line + 1,
    column: position.character + 1,
    code: diagnostic.code,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  };
}

export function convertCell(code: string, fileName: string): ConvertedCell {
  const info: TransformInfo = { declared: [], hasResult: false };
  const output = ts.transpileModule(code, {
    compilerOptions: transpileOptions,
    fileName: fileName.replace(/\.js$/, ".ts"),
    reportDiagnostics: true,
    transformers: { before: [cellTransformer(info)] },
  });
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const syntaxErrors = (output.diagnostics ?? []).filter((d) => d.file !== undefined && d.category === ts.DiagnosticCategory.Error).map((d) => diagnosticOf(file, d));
  const js = output.outputText
    .replace(/^export \{\};\s*$/m, "")
    .replace(/\/\/# sourceMappingURL=.*$/m, "");
  return { js, sourceMap: output.sourceMapText ?? "", declared: info.declared, hasResult: info.hasResult, syntaxErrors };
}
