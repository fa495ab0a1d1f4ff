/**
 * The HTTP methods of a class-based view, read from its class: Flask `MethodView` and `View`,
 * Flask-RESTful / Flask-RESTX `Resource` — one method per verb (`def get`, `def post`…), or a
 * `methods = [...]` class attribute. Base classes of the project are followed; bases from
 * libraries add nothing (they define no verbs of the app's own).
 */
import { normalizeMethod } from "./common";
import type { PyClassDef } from "./python-module-index";
import { staticString, type PyExpr } from "./python-support";
import type { PythonProject } from "./python-project";

const VERBS = ["get", "post", "put", "patch", "delete", "head", "options"];
/** Library bases known to define no verbs of their own. */
const EMPTY_BASES = new Set(["object", "MethodView", "View", "Resource", "ABC", "Generic", "Protocol"]);

export type ViewMethods = {
  methods: string[];
  /** Base classes that could not be read (outside the upload, not a plain name). */
  unknownBases: string[];
};

export function viewMethods(project: PythonProject, module: string, cls: PyClassDef, depth = 0): ViewMethods {
  const declared = cls.attributes.get("methods");
  if (declared) {
    const list = methodList(declared.value);
    if (list) return { methods: list, unknownBases: [] };
  }
  const found = new Set<string>();
  const unknownBases: string[] = [];
  for (const verb of VERBS) if (cls.methods.has(verb)) found.add(verb.toUpperCase());
  if (depth < 12) {
    for (const base of cls.bases) {
      const name = base.kind === "name" ? base.parts : undefined;
      const resolved = name ? project.classOf(module, name) : undefined;
      if (resolved) {
        const inner = viewMethods(project, resolved.module, resolved.cls, depth + 1);
        inner.methods.forEach((m) => found.add(m));
        unknownBases.push(...inner.unknownBases);
      } else if (!name || !EMPTY_BASES.has(name[name.length - 1])) {
        unknownBases.push(name ? name.join(".") : "(computed)");
      }
    }
  }
  return { methods: VERBS.map((v) => v.toUpperCase()).filter((m) => found.has(m)), unknownBases };
}

/** `["GET", "post"]` → ["GET", "POST"]; undefined when any item is not a literal method. */
export function methodList(e: PyExpr | undefined): string[] | undefined {
  if (!e || e.kind !== "list") return undefined;
  const out: string[] = [];
  for (const item of e.items) {
    const m = normalizeMethod(staticString(item) ?? "");
    if (!m) return undefined;
    out.push(m);
  }
  return out;
}
