/**
 * URLconfs built by classes: objects whose `get_urls()` method returns the pattern list, used as
 * `path("shop/", include(shop.urls))`, `path("", app.urls)` or `self.catalogue_app.urls` (django-oscar's
 * app configs, custom admin-like sites). As far as the text allows: the object is followed to its
 * class (an instance, the class itself, `apps.get_app_config("label")`, or `self.x` assigned in one
 * of the class's methods), and `get_urls()` is read for the lists it builds — `urls = [...]`,
 * `urls += [...]`, and `super().get_urls()` through the project's base classes.
 */
import type { PyClassDef, PyModuleIndex } from "./python-module-index";
import { endOfLogicalLine, parsePyExpr, staticString, type ImportBinding, type PyExpr } from "./python-support";
import type { PythonProject } from "./python-project";
import { isName, isPunct } from "./tokens";

export type SelfClass = { module: string; cls: PyClassDef };

export type ClassUrlconf = { module: string; file: string; imports: Map<string, ImportBinding>; lists: PyExpr[]; self: SelfClass };

export type ClassLookup = { ok: true; urlconf: ClassUrlconf } | { ok: false; why: string };

const MAX_DEPTH = 10;

export class DjangoClasses {
  private labels?: Map<string, SelfClass[]>;

  constructor(readonly project: PythonProject) {}

  /** The class-built URLconf an object expression stands for (`X` in `X.urls`). */
  urlconf(module: string, object: PyExpr, self: SelfClass | undefined): ClassLookup {
    const cls = this.classOf(module, object, self, 0);
    if (!cls) {
      const head = object.kind === "name" ? object.parts[0] : undefined;
      const binding = head ? this.project.index(module)?.imports.get(head) : undefined;
      if (binding && !this.project.modules.resolve(binding.module)) return { ok: false, why: `${head} comes from ${binding.module}, outside the files` };
      return { ok: false, why: `${show(object)} cannot be followed to a class of the files` };
    }
    const index = this.project.index(cls.module)!;
    const lists = this.getUrls(cls, 0);
    if (!lists) return { ok: false, why: `${cls.cls.name} has no get_urls() method among the files` };
    return { ok: true, urlconf: { module: cls.module, file: index.file, imports: index.imports, lists, self: cls } };
  }

  private classOf(module: string, e: PyExpr, self: SelfClass | undefined, depth: number): SelfClass | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (e.kind === "name" && e.parts[0] === "self" && self && e.parts.length === 2) {
      const assigned = this.selfAttribute(self, e.parts[1]);
      return assigned ? this.classOf(self.module, assigned, self, depth + 1) : undefined;
    }
    if (e.kind === "call" && e.callee.kind === "name" && e.callee.parts.at(-1) === "get_app_config") {
      const label = staticString(e.args[0]);
      return label === undefined ? undefined : this.byLabel(label);
    }
    const target = e.kind === "call" && e.callee.kind === "name" ? e.callee.parts : e.kind === "name" ? e.parts : undefined;
    if (!target) return undefined;
    const def = this.project.definition(module, target);
    if (def?.kind === "class") return { module: def.module, cls: def.cls };
    if (def?.kind === "assignment") {
      const value = def.assignments.filter((a) => !a.conditional).at(-1)?.value;
      return value ? this.classOf(def.module, value, self, depth + 1) : undefined;
    }
    return undefined;
  }

  /** `self.name = <expr>` in any method of the class (or a class attribute `name = <expr>`). */
  private selfAttribute(self: SelfClass, name: string): PyExpr | undefined {
    const attr = self.cls.attributes.get(name);
    if (attr) return attr.value;
    const index = this.project.index(self.module)!;
    const tokens = index.tokens;
    for (const fn of self.cls.methods.values()) {
      for (let i = fn.body[0]; i < fn.body[1]; i++) {
        if (tokens[i].lineStart && isName(tokens[i], "self") && isPunct(tokens[i + 1], ".") && isName(tokens[i + 2], name) && isPunct(tokens[i + 3], "=")) {
          return parsePyExpr(tokens, i + 4, endOfLogicalLine(tokens, i));
        }
      }
    }
    return undefined;
  }

  /** An app config by its label: `label = "x"`, or a `name` ending in ".x". The most derived class wins. */
  private byLabel(label: string): SelfClass | undefined {
    if (!this.labels) {
      this.labels = new Map();
      for (const module of this.project.modulesMentioning("get_urls")) {
        const index = this.project.index(module);
        for (const cls of index?.classes.values() ?? []) this.addLabel(index!, cls);
      }
    }
    const found = this.labels.get(label) ?? [];
    const derived = found.filter((c) => !found.some((o) => o !== c && o.cls.bases.some((b) => b.kind === "name" && b.parts.at(-1) === c.cls.name)));
    return derived[0] ?? found[0];
  }

  private addLabel(index: PyModuleIndex, cls: PyClassDef): void {
    const label = staticString(cls.attributes.get("label")?.value);
    const name = staticString(cls.attributes.get("name")?.value);
    const key = label ?? name?.split(".").at(-1);
    if (key) this.labels!.set(key, [...(this.labels!.get(key) ?? []), { module: index.module, cls }]);
  }

  /** The pattern lists `get_urls()` builds, its base classes' included through `super()`. */
  private getUrls(target: SelfClass, depth: number): PyExpr[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const fn = target.cls.methods.get("get_urls");
    if (!fn) {
      for (const base of target.cls.bases) {
        const b = base.kind === "name" ? this.project.classOf(target.module, base.parts) : undefined;
        const inherited = b ? this.getUrls(b, depth + 1) : undefined;
        if (inherited) return inherited;
      }
      return undefined;
    }
    const tokens = this.project.index(target.module)!.tokens;
    const lists: PyExpr[] = [];
    for (let i = fn.body[0]; i < fn.body[1]; i++) {
      const t = tokens[i];
      if (!t.lineStart || t.kind !== "name" || !(isPunct(tokens[i + 1], "=") || isPunct(tokens[i + 1], "+="))) continue;
      const end = endOfLogicalLine(tokens, i);
      const value = parsePyExpr(tokens, i + 2, end);
      for (const part of flattenAdd(value)) {
        if (part.kind === "list") lists.push(part);
        else if (isSuperGetUrls(part)) {
          for (const base of target.cls.bases) {
            const b = base.kind === "name" ? this.project.classOf(target.module, base.parts) : undefined;
            const inherited = b ? this.getUrls(b, depth + 1) : undefined;
            if (inherited) lists.push(...inherited.map((l) => ({ ...l })));
          }
        }
      }
      i = end;
    }
    return lists;
  }
}

function flattenAdd(e: PyExpr): PyExpr[] {
  return e.kind === "add" ? [...flattenAdd(e.left), ...flattenAdd(e.right)] : [e];
}

function isSuperGetUrls(e: PyExpr): boolean {
  return (
    e.kind === "call" &&
    e.callee.kind === "attr" &&
    e.callee.name === "get_urls" &&
    e.callee.object.kind === "call" &&
    e.callee.object.callee.kind === "name" &&
    e.callee.object.callee.parts[0] === "super"
  );
}

function show(e: PyExpr): string {
  if (e.kind === "name") return e.parts.join(".");
  if (e.kind === "call" && e.callee.kind === "name") return `${e.callee.parts.join(".")}(…)`;
  return "this object";
}
