/**
 * The Python files of an upload as one project: module names, each module's index (built on
 * demand and kept), and where a dotted name used in a module is defined — a class, a function, an
 * assignment or a module — following the imports.
 */
import type { SourceFile } from "@/lib/import/types";
import { tokenizePython } from "./python-lexer";
import { indexPythonModule, type PyClassDef, type PyFunctionDef, type PyModuleIndex } from "./python-module-index";
import { moduleNameOf, PythonModules, type PyExpr } from "./python-support";

const MAX_DEPTH = 12;

/** The Python files of an upload, indexed on demand. */
export class PythonProject {
  readonly modules: PythonModules;
  private readonly indexes = new Map<string, PyModuleIndex | null>();
  private readonly files: SourceFile[];

  constructor(files: SourceFile[]) {
    this.files = files;
    this.modules = new PythonModules(files);
  }

  index(module: string): PyModuleIndex | undefined {
    let idx = this.indexes.get(module);
    if (idx === undefined) {
      const f = this.modules.file(module);
      idx = f ? indexPythonModule(f, tokenizePython(f.text)) : null;
      this.indexes.set(module, idx);
    }
    return idx ?? undefined;
  }

  /** Keeps an index built elsewhere (the parsers index the files they read anyway). */
  remember(index: PyModuleIndex): void {
    this.indexes.set(index.module, index);
  }

  /** Modules whose text contains `word` (a cheap filter before indexing them). */
  modulesMentioning(word: string): string[] {
    return this.files.filter((f) => f.text.includes(word)).map((f) => moduleNameOf(f.path));
  }

  /** A class by a dotted name used in `module` (following imports), with the module defining it. */
  classOf(module: string, parts: string[], depth = 0): { module: string; cls: PyClassDef } | undefined {
    const found = this.definition(module, parts, depth);
    return found?.kind === "class" ? { module: found.module, cls: found.cls } : undefined;
  }

  /** What a dotted name used in `module` is defined as: a class, a function, or an assignment. */
  definition(module: string, parts: string[], depth = 0): Definition | undefined {
    if (depth > MAX_DEPTH || parts.length === 0) return undefined;
    const idx = this.index(module);
    if (!idx) return undefined;
    const [head, ...rest] = parts;
    if (rest.length === 0) {
      const cls = idx.classes.get(head);
      if (cls) return { kind: "class", module, cls };
      const fn = idx.functions.get(head);
      if (fn) return { kind: "function", module, fn, index: idx };
      const assigned = idx.assignments.get(head);
      if (assigned?.length) return { kind: "assignment", module, name: head, assignments: assigned };
    }
    const binding = idx.imports.get(head);
    if (!binding) return undefined;
    const dotted = [binding.name ? `${binding.module}.${binding.name}` : binding.module, ...rest];
    // the longest prefix that is a module of the project, then the rest inside it
    const all = dotted.join(".").split(".");
    for (let n = all.length; n >= 1; n--) {
      const target = this.modules.resolve(all.slice(0, n).join("."));
      if (!target) continue;
      if (n === all.length) return { kind: "module", module: target };
      return this.definition(target, all.slice(n), depth + 1);
    }
    return undefined;
  }
}

export type Definition =
  | { kind: "class"; module: string; cls: PyClassDef }
  | { kind: "function"; module: string; fn: PyFunctionDef; index: PyModuleIndex }
  | { kind: "assignment"; module: string; name: string; assignments: Array<{ value: PyExpr; line: number; conditional: boolean }> }
  | { kind: "module"; module: string };
