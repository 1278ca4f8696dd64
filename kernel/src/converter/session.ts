// One long-lived TypeScript language service for a notebook. Each cell that ran is kept as a
// source file (__axone_cell_K__.ts) exporting what it declares; the cell being checked starts with
// ONE generated line importing, from the cell that last declared it, every name it does not declare
// itself. So cell lines stay cell lines + 1, re-declaring `const x` is legal, and completion and
// inspect see the types of everything declared so far.
//
// The files of cells to come exist ahead, empty, in batches (slots): the import line names every
// slot, so keeping a cell only changes the text of files already in the program. TypeScript then
// reuses the program's structure instead of walking its 170 declaration files again for each cell.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { convertCell, diagnosticOf, type CellDiagnostic, type ConvertedCell } from "./convert";
import { KERNEL_GLOBALS_DTS, LIGHT_NODE_GLOBALS_DTS } from "./globals";
import { codePointsToUtf16, utf16ToCodePoints } from "./positions";

type DeclarationKind = "mutable" | "constant" | "other";

export interface PreparedCell extends ConvertedCell {
  /** Type errors (empty when checking is off or the cell is clean). */
  typeErrors: CellDiagnostic[];
  /** Set when the cell's declarations were kept for later cells (see rollback). */
  commit?: string;
}

export interface Completion {
  matches: string[];
  cursorStart: number;
  cursorEnd: number;
  types: { start: number; end: number; text: string; type: string; signature?: string }[];
}

export interface Inspection {
  found: boolean;
  text: string;
  markdown: string;
}

export type Completeness = { status: "complete" | "invalid" } | { status: "incomplete"; indent: string };

/** Empty cell files added at a time (see the top of this file). */
const SLOT_BATCH = 32;

// Codes that the "imports of earlier cells" trick would raise although the JavaScript is fine.
const ASSIGN_TO_IMPORT = 2632; // Cannot assign to 'x' because it is an import.
// Cannot find module 'x' (or its type declarations).
const MODULE_NOT_FOUND = new Set([2307, 2792]);
// What in a cell's text asks for Node's own declarations: its modules and globals beyond the light set.
const NEEDS_NODE = /\b(?:process|Buffer|require|module|exports|__dirname|__filename|global|NodeJS|setImmediate|clearImmediate|TextEncoder|TextDecoder|URL|URLSearchParams|AbortController|AbortSignal|fetch|Response|Request|Headers|Blob|atob|btoa|crypto|EventTarget|Event|MessageChannel|BroadcastChannel|WebAssembly)\b/;

export class CellSession {
  private readonly files = new Map<string, { text: string; version: number; snapshot?: ts.IScriptSnapshot }>();
  /** Cells kept so far: they fill slots 1..kept; slots kept+1..reserved hold placeholders. */
  private kept = 0;
  private reserved = 0;
  /** name → [file that last declared it, kind of declaration] */
  private readonly owners = new Map<string, { file: string; kind: DeclarationKind }>();
  private readonly globalsFile: string;
  private readonly cellFile: string;
  private readonly service: ts.LanguageService;
  /**
   * Light mode (false): Node's globals come from LIGHT_NODE_GLOBALS_DTS instead of @types/node, whose
   * 130 files are most of a first check's cost. useNodeTypes() switches to the real declarations for
   * good: when a cell's text names a Node global or imports a package, when a light check finds an
   * error (the full declarations decide what is reported), for completion and inspect, and when idle.
   */
  private nodeTypes = false;
  private options: ts.CompilerOptions;
  private readonly moduleCache: ts.ModuleResolutionCache;
  private readonly kernelModuleCache: ts.ModuleResolutionCache;
  private lastCommit: { file: string; owners: Map<string, { file: string; kind: DeclarationKind }> } | undefined;
  private readonly diskSnapshots = new Map<string, ts.IScriptSnapshot>();
  /** Type errors of cell texts checked since the last commit (the answer cannot have changed). */
  private readonly checked = new Map<string, CellDiagnostic[]>();

  constructor(
    private readonly cwd: string,
    private readonly kernelRoot: string,
  ) {
    this.globalsFile = path.join(cwd, "__axone_globals__.d.ts");
    this.cellFile = path.join(cwd, "__axone_cell__.ts");
    this.files.set(this.globalsFile, { text: KERNEL_GLOBALS_DTS + LIGHT_NODE_GLOBALS_DTS, version: 1 });
    this.files.set(this.cellFile, { text: "", version: 1 });
    this.reserveSlots();
    this.options = {
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2023.d.ts"],
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      moduleDetection: ts.ModuleDetectionKind.Force,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      allowJs: false,
      resolveJsonModule: true,
      types: [],
      typeRoots: [path.join(kernelRoot, "node_modules", "@types")],
      useDefineForClassFields: true,
    };
    this.moduleCache = ts.createModuleResolutionCache(cwd, (name) => name, this.options);
    this.kernelModuleCache = ts.createModuleResolutionCache(kernelRoot, (name) => name, this.options);
    const host: ts.LanguageServiceHost & { getModuleResolutionCache(): ts.ModuleResolutionCache } = {
      // Earlier cells are reached through the cell's import line, not as roots: a cell that adds
      // nothing leaves the program's structure as it was, and TypeScript then reuses all of it.
      getScriptFileNames: () => [this.globalsFile, this.cellFile],
      getScriptVersion: (file) => String(this.files.get(file)?.version ?? 0),
      getScriptSnapshot: (file) => {
        const virtual = this.files.get(file);
        if (virtual) return (virtual.snapshot ??= ts.ScriptSnapshot.fromString(virtual.text));
        // Library files do not change during a session: read each once, not on every cell.
        const cached = this.diskSnapshots.get(file);
        if (cached) return cached;
        if (!fs.existsSync(file)) return undefined;
        const snapshot = ts.ScriptSnapshot.fromString(fs.readFileSync(file, "utf8"));
        this.diskSnapshots.set(file, snapshot);
        return snapshot;
      },
      getCurrentDirectory: () => cwd,
      getCompilationSettings: () => this.options,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      // Module resolution asks the same questions for every cell: the answers are kept until reset().
      fileExists: (file) => this.files.has(file) || this.memo("fileExists", file, ts.sys.fileExists),
      readFile: (file, encoding) => this.files.get(file)?.text ?? this.memo("readFile", file, (f) => ts.sys.readFile(f, encoding)),
      readDirectory: ts.sys.readDirectory,
      directoryExists: (directory) => this.memo("directoryExists", directory, ts.sys.directoryExists),
      getDirectories: (directory) => this.memo("getDirectories", directory, ts.sys.getDirectories),
      realpath: (file) => this.memo("realpath", file, (f) => ts.sys.realpath?.(f) ?? f),
      getModuleResolutionCache: () => this.moduleCache,
      resolveModuleNameLiterals: (literals, containingFile, _redirected, options) =>
        literals.map((literal) => {
          const name = literal.text;
          const own = ts.resolveModuleName(name, containingFile, options, host, this.moduleCache);
          if (own.resolvedModule || name.startsWith(".") || path.isAbsolute(name)) return own;
          // Not found from the notebook's folder: the kernel's own packages (axone among them).
          return ts.resolveModuleName(name, path.join(this.kernelRoot, "__kernel__.ts"), options, host, this.kernelModuleCache);
        }),
    };
    this.service = ts.createLanguageService(host, this.documentRegistry());
  }

  /**
   * Declarations of the standard library and of Node (170 files, 3 MB, much of it JSDoc) are parsed
   * without their JSDoc: a fifth less time before the first cell is checked. Types never come from
   * JSDoc in .d.ts files; inspect reads the documentation from a full parse when asked (see
   * documentationOf). Every other file (the notebook's packages, axone) keeps its JSDoc.
   */
  private isUndocumented(file: string): boolean {
    return file.startsWith(this.standardLibFolder) || file.startsWith(this.nodeTypesFolder);
  }

  private get standardLibFolder(): string {
    return path.dirname(ts.getDefaultLibFilePath(this.options)) + path.sep;
  }

  private get nodeTypesFolder(): string {
    return path.join(this.kernelRoot, "node_modules", "@types", "node") + path.sep;
  }

  private documentRegistry(): ts.DocumentRegistry {
    const documented = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, this.cwd);
    const undocumented = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, this.cwd, ts.JSDocParsingMode.ParseNone);
    const registryOf = (file: string) => (this.isUndocumented(file) ? undocumented : documented);
    // The registry checks that the options it is given ask for its own JSDoc mode.
    const optionsFor = (file: string, options: ts.ScriptTarget | ts.CreateSourceFileOptions | undefined) =>
      this.isUndocumented(file) && typeof options === "object" ? { ...options, jsDocParsingMode: ts.JSDocParsingMode.ParseNone } : options;
    return {
      acquireDocument: (file, settings, snapshot, version, kind, options) => registryOf(file).acquireDocument(file, settings, snapshot, version, kind, optionsFor(file, options)),
      acquireDocumentWithKey: (file, filePath, settings, key, snapshot, version, kind, options) =>
        registryOf(file).acquireDocumentWithKey(file, filePath, settings, key, snapshot, version, kind, optionsFor(file, options)),
      updateDocument: (file, settings, snapshot, version, kind, options) => registryOf(file).updateDocument(file, settings, snapshot, version, kind, optionsFor(file, options)),
      updateDocumentWithKey: (file, filePath, settings, key, snapshot, version, kind, options) =>
        registryOf(file).updateDocumentWithKey(file, filePath, settings, key, snapshot, version, kind, optionsFor(file, options)),
      getKeyForCompilationSettings: (settings) => documented.getKeyForCompilationSettings(settings),
      releaseDocument: (file, settings, kind, format) => registryOf(file).releaseDocument(file, settings, kind!, format),
      releaseDocumentWithKey: (filePath, key, kind, format) => registryOf(filePath).releaseDocumentWithKey(filePath, key, kind!, format),
      reportStats: () => `${documented.reportStats()}\n${undocumented.reportStats()}`,
    } as ts.DocumentRegistry;
  }

  /** Full parses (with JSDoc) of undocumented declaration files, made when inspect needs one. */
  private readonly documentedFiles = new Map<string, ts.SourceFile>();

  /** Documentation and tags of the declaration(s) found at a position of the cell file, read from full parses. */
  private documentationOf(position: number): { documentation: string; tags: { name: string; text: string }[] } {
    const documentation: string[] = [];
    const tags: { name: string; text: string }[] = [];
    for (const definition of this.service.getDefinitionAtPosition(this.cellFile, position) ?? []) {
      if (!this.isUndocumented(definition.fileName)) continue;
      let file = this.documentedFiles.get(definition.fileName);
      if (!file) {
        const text = ts.sys.readFile(definition.fileName);
        if (text === undefined) continue;
        file = ts.createSourceFile(definition.fileName, text, { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseAll }, true);
        this.documentedFiles.set(definition.fileName, file);
      }
      // The definition spans the declaration's name: its declaration is the nearest ancestor with JSDoc.
      let node: ts.Node | undefined = nodeAt(file, definition.textSpan.start);
      while (node && !ts.isSourceFile(node) && ts.getJSDocCommentsAndTags(node).length === 0) node = node.parent;
      if (!node || ts.isSourceFile(node)) continue;
      for (const doc of ts.getJSDocCommentsAndTags(node)) {
        if (!ts.isJSDoc(doc)) continue;
        const comment = ts.getTextOfJSDocComment(doc.comment);
        if (comment && !documentation.includes(comment)) documentation.push(comment);
        for (const tag of doc.tags ?? []) {
          const named = ts.isJSDocParameterTag(tag) || ts.isJSDocPropertyTag(tag) ? `${tag.name.getText(file)} ` : "";
          tags.push({ name: tag.tagName.text, text: `${named}${ts.getTextOfJSDocComment(tag.comment) ?? ""}`.trim() });
        }
      }
    }
    return { documentation: documentation.join("\n\n"), tags };
  }

  private readonly fsCache = new Map<string, unknown>();
  private memo<T>(kind: string, key: string, compute: (key: string) => T): T {
    const cacheKey = `${kind}\0${key}`;
    if (this.fsCache.has(cacheKey)) return this.fsCache.get(cacheKey) as T;
    const value = compute(key);
    this.fsCache.set(cacheKey, value);
    return value;
  }

  private diagnostics(): ts.Diagnostic[] {
    return [...this.service.getSyntacticDiagnostics(this.cellFile), ...this.service.getSemanticDiagnostics(this.cellFile)];
  }

  private forgetFileSystem(): void {
    this.fsCache.clear();
    this.moduleCache.clear();
    this.kernelModuleCache.clear();
    this.checked.clear();
  }

  /** Parses, loads and checks something once, so the first real cell does not pay for it. */
  warmUp(): void {
    this.setCell("const __warm__: number = 1;");
    this.service.getSemanticDiagnostics(this.cellFile);
  }

  /**
   * Idle-time preparation (after warmUp): loads Node's declarations and runs completion once, so
   * neither the first completion nor the first cell that needs Node pays for it.
   */
  warmUpCompletion(): void {
    this.useNodeTypes();
    this.setCell("const __warm__: number = 1;");
    this.service.getSemanticDiagnostics(this.cellFile);
    this.setCell("Math.");
    this.service.getCompletionsAtPosition(this.cellFile, this.files.get(this.cellFile)!.text.length, {});
  }

  /** True once @types/node is part of the program (see `nodeTypes`). */
  get usesNodeTypes(): boolean {
    return this.nodeTypes;
  }

  /** Leaves light mode: @types/node replaces the light globals (the next check rebuilds the program once). */
  useNodeTypes(): void {
    if (this.nodeTypes) return;
    this.nodeTypes = true;
    this.options = { ...this.options, types: ["node"] };
    this.setFile(this.globalsFile, KERNEL_GLOBALS_DTS);
    this.forgetFileSystem();
  }

  /** Forgets every earlier cell (kernel restart). */
  reset(): void {
    this.forgetFileSystem();
    this.diskSnapshots.clear();
    this.kept = 0;
    this.reserved = 0;
    this.lastCommit = undefined;
    this.owners.clear();
    for (const file of [...this.files.keys()]) if (file !== this.globalsFile && file !== this.cellFile) this.files.delete(file);
    this.reserveSlots();
  }

  private slotFile(slot: number): string {
    return path.join(this.cwd, `__axone_cell_${slot}__.ts`);
  }

  /** Placeholder of a slot: the imports its cell will have (every slot before it), nothing else. */
  private placeholder(slot: number): string {
    return this.importLine(new Set(), slot - 1) + "export {};";
  }

  /** Adds the next batch of empty slots (one structure change per batch, not per cell). */
  private reserveSlots(): void {
    const end = this.reserved + SLOT_BATCH;
    for (let slot = this.reserved + 1; slot <= end; slot++) this.files.set(this.slotFile(slot), { text: this.placeholder(slot), version: 1 });
    this.reserved = end;
  }

  private setFile(file: string, text: string): void {
    const entry = this.files.get(file);
    this.files.set(file, { text, version: (entry?.version ?? 0) + 1 });
  }

  /** Top-level names a cell declares, read from its syntax alone. */
  private declaredBy(code: string): Map<string, DeclarationKind> {
    const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const names = new Map<string, DeclarationKind>();
    const addBinding = (name: ts.BindingName, kind: DeclarationKind) => {
      if (ts.isIdentifier(name)) names.set(name.text, kind);
      else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name, kind);
    };
    for (const statement of source.statements) {
      if (ts.isVariableStatement(statement)) {
        const kind = statement.declarationList.flags & ts.NodeFlags.Const ? "constant" : "mutable";
        for (const declaration of statement.declarationList.declarations) addBinding(declaration.name, kind);
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
        statement.name &&
        ts.isIdentifier(statement.name)
      ) {
        names.set(statement.name.text, "other");
      } else if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) names.set(clause.name.text, "other");
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, "other");
        else if (bindings) for (const element of bindings.elements) names.set(element.name.text, "other");
      } else if (ts.isImportEqualsDeclaration(statement)) {
        names.set(statement.name.text, "other");
      }
    }
    return names;
  }

  /**
   * One line importing, from slots 1..lastSlot, everything earlier cells declared and this one does
   * not; every slot is named, with `import {}` when none of its names is needed, so the set of
   * imported files stays the same from cell to cell.
   */
  private importLine(declared: Set<string>, lastSlot: number, onlyNames?: Set<string>): string {
    const bySlot = new Map<string, string[]>();
    for (const [name, owner] of this.owners) {
      if (declared.has(name) || (onlyNames && !onlyNames.has(name))) continue;
      const list = bySlot.get(owner.file) ?? [];
      list.push(name);
      bySlot.set(owner.file, list);
    }
    const imports: string[] = [];
    for (let slot = 1; slot <= lastSlot; slot++) {
      const file = this.slotFile(slot);
      imports.push(`import { ${(bySlot.get(file) ?? []).join(", ")} } from "./${path.basename(file, ".ts")}";`);
    }
    return imports.join(" ") + "\n";
  }

  /**
   * The generated first line of the cell being checked: it names every slot, kept or not. With
   * `onlyNames`, only those earlier names are imported: a check then resolves what the cell uses,
   * not every name of the notebook (completion and inspect need them all).
   */
  private prefixFor(declared: Set<string>, onlyNames?: Set<string>): string {
    return this.importLine(declared, this.reserved, onlyNames);
  }

  private setCell(code: string, declared = new Set(this.declaredBy(code).keys())): string {
    const prefix = this.prefixFor(declared);
    this.setFile(this.cellFile, prefix + code);
    return prefix;
  }

  /**
   * Converts a cell to JavaScript and, when `typeCheck`, checks it against every earlier cell.
   * A cell without errors is kept for the cells after it.
   */
  prepare(code: string, cellName: string, typeCheck: boolean): PreparedCell {
    const converted = convertCell(code, `${cellName}.js`);
    if (converted.syntaxErrors.length) return { ...converted, typeErrors: [] };
    const declaredKinds = this.declaredBy(code);
    const declared = new Set(declaredKinds.keys());
    const exportList = declared.size ? `\nexport { ${[...declared].join(", ")} };` : "\nexport {};";
    const prefix = this.prefixFor(declared, namesIn(code));
    const text = prefix + code + exportList;
    let typeErrors: CellDiagnostic[] = [];
    const known = typeCheck ? this.checked.get(text) : undefined;
    if (known) {
      // The same cell against the same earlier cells: the same answer (re-runs of a cell).
      typeErrors = known;
    } else if (typeCheck) {
      if (NEEDS_NODE.test(code) || importsPackage(code)) this.useNodeTypes();
      this.setFile(this.cellFile, text);
      let diagnostics = this.diagnostics();
      if (!this.nodeTypes && diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
        // Light mode never reports an error itself: the real declarations may well define the name.
        this.useNodeTypes();
        this.setFile(this.cellFile, text);
        diagnostics = this.diagnostics();
      }
      if (diagnostics.some((d) => MODULE_NOT_FOUND.has(d.code))) {
        // Perhaps installed since it was last looked for: forget what the file system said, retry.
        this.forgetFileSystem();
        this.setFile(this.cellFile, text);
        diagnostics = this.diagnostics();
      }
      const file = this.service.getProgram()?.getSourceFile(this.cellFile);
      typeErrors = diagnostics
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .filter((d) => d.start === undefined || d.start >= prefix.length)
        .map((d) => {
          if (d.code === ASSIGN_TO_IMPORT && file && d.start !== undefined) {
            const name = file.text.slice(d.start, d.start + (d.length ?? 0));
            if (this.owners.get(name)?.kind === "mutable") return undefined;
            return { ...diagnosticOf(file, d), code: 2588, message: `Cannot assign to '${name}' because it is a constant (declared with const in an earlier cell).` };
          }
          return diagnosticOf(file, d);
        })
        .filter((d): d is CellDiagnostic => d !== undefined)
        .map((d) => ({ ...d, line: d.line - 1 }))
        .filter((d) => d.line <= code.split("\n").length);
      if (this.checked.size > 500) this.checked.clear();
      // A missing module may be installed before the next run: never remember that answer.
      if (!typeErrors.some((d) => MODULE_NOT_FOUND.has(d.code))) this.checked.set(text, typeErrors);
    }
    if (typeErrors.length === 0 && declaredKinds.size > 0) {
      // The cell fills the next slot, importing only from the slots before it (as its placeholder did).
      const slot = ++this.kept;
      const kept = this.slotFile(slot);
      this.setFile(kept, this.importLine(declared, slot - 1) + code + exportList);
      this.checked.clear();
      this.lastCommit = { file: kept, owners: new Map(this.owners) };
      for (const [name, kind] of declaredKinds) this.owners.set(name, { file: kept, kind });
      if (this.kept === this.reserved) this.reserveSlots();
      return { ...converted, typeErrors, commit: kept };
    }
    return { ...converted, typeErrors };
  }

  /** Forgets the declarations of the last prepared cell, when it did not run after all. */
  rollback(commit: string): void {
    if (this.lastCommit?.file !== commit || commit !== this.slotFile(this.kept)) return;
    this.owners.clear();
    for (const [name, owner] of this.lastCommit.owners) this.owners.set(name, owner);
    this.setFile(commit, this.placeholder(this.kept));
    this.kept--;
    this.checked.clear();
    this.lastCommit = undefined;
  }

  /** Completions at a code-point cursor position. */
  complete(code: string, cursorPos: number): Completion {
    this.useNodeTypes();
    const cursor = codePointsToUtf16(code, cursorPos);
    let start = cursor;
    while (start > 0 && /[\p{ID_Continue}$\u200c\u200d]/u.test(code[start - 1]!)) start--;
    const typed = code.slice(start, cursor);
    const prefix = this.setCell(code);
    const result = this.service.getCompletionsAtPosition(this.cellFile, prefix.length + cursor, { includeCompletionsWithInsertText: true, includeCompletionsForModuleExports: false });
    // Private members (`_markResult`) come after the public ones, unless the user typed the underscore.
    const isPrivate = (name: string) => name.startsWith("_") && !typed.startsWith("_");
    const entries = (result?.entries ?? [])
      .filter((entry) => !entry.name.startsWith("__axone") && entry.name.toLowerCase().startsWith(typed.toLowerCase()))
      .sort((a, b) => Number(isPrivate(a.name)) - Number(isPrivate(b.name)) || (a.sortText === b.sortText ? a.name.localeCompare(b.name) : a.sortText < b.sortText ? -1 : 1));
    const earlierKinds = entries.some((entry) => entry.kind === ts.ScriptElementKind.alias) ? this.kindsOfImportedNames(prefix) : new Map<string, string>();
    const startPoints = utf16ToCodePoints(code, start);
    const endPoints = utf16ToCodePoints(code, cursor);
    return {
      matches: entries.map((entry) => entry.name),
      cursorStart: startPoints,
      cursorEnd: endPoints,
      types: entries.map((entry) => ({ start: startPoints, end: endPoints, text: entry.name, type: (entry.kind === ts.ScriptElementKind.alias && earlierKinds.get(entry.name)) || entry.kind })),
    };
  }

  /**
   * What each name of the generated import line really is (const, function, class...): through that
   * line, every name of an earlier cell would otherwise be completed as an "alias".
   */
  private kindsOfImportedNames(prefix: string): Map<string, string> {
    const kinds = new Map<string, string>();
    const program = this.service.getProgram();
    const file = program?.getSourceFile(this.cellFile);
    if (!program || !file) return kinds;
    const checker = program.getTypeChecker();
    for (const statement of file.statements) {
      if (statement.pos >= prefix.length) break;
      const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        const symbol = checker.getSymbolAtLocation(element.name);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const kind = target && elementKindOf(target);
        if (kind) kinds.set(element.name.text, kind);
      }
    }
    return kinds;
  }

  /** Type and documentation of the name at (or just before) a code-point cursor position. */
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Inspection {
    this.useNodeTypes();
    let cursor = codePointsToUtf16(code, cursorPos);
    const isName = (ch: string | undefined) => ch !== undefined && /[\p{ID_Continue}$]/u.test(ch);
    if (!isName(code[cursor]) && isName(code[cursor - 1])) cursor--;
    if (!isName(code[cursor]) && code[cursor - 1] === "(") {
      // Cursor just inside a call: inspect the function being called.
      cursor -= 2;
      while (cursor > 0 && code[cursor] === " ") cursor--;
    }
    const prefix = this.setCell(code);
    const position = prefix.length + Math.max(0, cursor);
    const info = this.service.getQuickInfoAtPosition(this.cellFile, position);
    if (!info) return { found: false, text: "", markdown: "" };
    // Names of earlier cells reach this one through the generated import line: hide that detail.
    const signature = ts
      .displayPartsToString(info.displayParts)
      .replace(/^\(alias\) /, "")
      .replace(/\n(export |import )[\w$]+$/, "");
    let documentation = ts.displayPartsToString(info.documentation);
    let allTags = (info.tags ?? []).map((tag) => ({ name: tag.name, text: ts.displayPartsToString(tag.text) }));
    // Standard library and Node declarations were parsed without JSDoc: read it now.
    if (!documentation && allTags.length === 0) ({ documentation, tags: allTags } = this.documentationOf(position));
    const tags = allTags.filter((tag) => detailLevel === 1 || tag.name !== "example");
    const tagText = tags.map((tag) => `@${tag.name} ${tag.text}`.trimEnd());
    const text = [signature, documentation, ...tagText].filter(Boolean).join("\n\n");
    const markdown = ["```ts\n" + signature + "\n```", documentation, ...tags.map((tag) => (tag.name === "example" ? "**Example**\n```ts\n" + tag.text + "\n```" : `*@${tag.name}* ${tag.text}`))]
      .filter(Boolean)
      .join("\n\n");
    return { found: true, text, markdown };
  }
}

/** Every identifier written in a cell (a superset of the earlier names it can refer to). */
function namesIn(code: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS));
  return names;
}

/** The innermost node of `file` that contains `position`. */
function nodeAt(file: ts.SourceFile, position: number): ts.Node {
  let node: ts.Node = file;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (candidate) => (candidate.pos <= position && position < candidate.end ? candidate : undefined));
    if (!child) return node;
    node = child;
  }
}

/** The completion kind of a declared symbol, as TypeScript names it for a local declaration. */
function elementKindOf(symbol: ts.Symbol): string | undefined {
  const flags = symbol.flags;
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (flags & ts.SymbolFlags.Variable) {
    if (!declaration) return ts.ScriptElementKind.variableElement;
    const nodeFlags = ts.getCombinedNodeFlags(declaration);
    if (nodeFlags & ts.NodeFlags.Const) return ts.ScriptElementKind.constElement;
    if (nodeFlags & ts.NodeFlags.Let) return ts.ScriptElementKind.letElement;
    return ts.ScriptElementKind.variableElement;
  }
  if (flags & ts.SymbolFlags.Function) return ts.ScriptElementKind.functionElement;
  if (flags & ts.SymbolFlags.Class) return ts.ScriptElementKind.classElement;
  if (flags & ts.SymbolFlags.Enum) return ts.ScriptElementKind.enumElement;
  if (flags & ts.SymbolFlags.Interface) return ts.ScriptElementKind.interfaceElement;
  if (flags & ts.SymbolFlags.TypeAlias) return ts.ScriptElementKind.typeElement;
  if (flags & ts.SymbolFlags.Module) return ts.ScriptElementKind.moduleElement;
  return undefined;
}

/** complete / incomplete (with the indent of the next line) / invalid, from the syntax alone. */
export function isComplete(code: string): Completeness {
  if (!code.trim()) return { status: "complete" };
  // Open brackets, from the scanner (so brackets in strings, comments and templates do not count).
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, code);
  const open: string[] = [];
  let continues = false; // an open template literal or block comment: the next line continues it
  const closers: Partial<Record<ts.SyntaxKind, string>> = {
    [ts.SyntaxKind.CloseParenToken]: "(",
    [ts.SyntaxKind.CloseBracketToken]: "[",
  };
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    continues = false;
    if (token === ts.SyntaxKind.OpenBraceToken) open.push("{");
    else if (token === ts.SyntaxKind.OpenParenToken) open.push("(");
    else if (token === ts.SyntaxKind.OpenBracketToken) open.push("[");
    else if (token === ts.SyntaxKind.TemplateHead) open.push("${");
    else if (token === ts.SyntaxKind.CloseBraceToken) {
      if (open[open.length - 1] === "${") {
        const part = scanner.reScanTemplateToken(false);
        if (part === ts.SyntaxKind.TemplateTail) open.pop();
        if (scanner.isUnterminated()) continues = true;
      } else if (open.pop() !== "{") return { status: "invalid" };
    } else if (closers[token]) {
      if (open.pop() !== closers[token]) return { status: "invalid" };
    } else if (scanner.isUnterminated()) {
      if (token === ts.SyntaxKind.StringLiteral) return { status: "invalid" }; // a quote string cannot span lines
      continues = true;
    }
  }
  const lastLine = code.split("\n").pop() ?? "";
  const baseIndent = /^\s*/.exec(lastLine)![0];
  const opensBlock = /[{([]\s*$/.test(code.trimEnd());
  const incomplete = { status: "incomplete" as const, indent: opensBlock ? baseIndent + "  " : baseIndent };
  if (continues || open.length > 0) return incomplete;
  const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const errors = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (errors.length === 0) return { status: "complete" };
  // Errors only at the very end (`const a =`): more is to come. Elsewhere: the code is wrong.
  const end = code.trimEnd().length;
  return errors.every((error) => (error.start ?? 0) >= end - 1) ? incomplete : { status: "invalid" };
}

/** Whether a cell imports a package other than axone (its declarations may use Node's types). */
function importsPackage(code: string): boolean {
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
    const name = match[1]!;
    if (name !== "axone" && !name.startsWith(".") && !name.startsWith("/")) return true;
  }
  return false;
}
