/**
 * English singular/plural forms for resource names, the way Rails (ActiveSupport) and Laravel
 * (Str::singular) derive them: `photos` → `photo` (Rails `:photo_id`, Laravel `{photo}`) and
 * `resource :profile` → controller `profiles`. Covers the regular rules and the common
 * irregular and uncountable words; exotic words may come out differently than in the frameworks.
 */

const UNCOUNTABLE = new Set([
  "equipment",
  "information",
  "rice",
  "money",
  "species",
  "series",
  "fish",
  "sheep",
  "jeans",
  "police",
  "news",
  "feedback",
  "metadata",
  "data",
]);
const IRREGULAR: Array<[string, string]> = [
  ["person", "people"],
  ["man", "men"],
  ["woman", "women"],
  ["child", "children"],
  ["sex", "sexes"],
  ["move", "moves"],
  ["zombie", "zombies"],
  ["mouse", "mice"],
  ["goose", "geese"],
  ["foot", "feet"],
  ["tooth", "teeth"],
];

const SINGULAR_RULES: Array<[RegExp, string]> = [
  [/(database)s$/i, "$1"],
  [/(quiz)zes$/i, "$1"],
  [/(matr)ices$/i, "$1ix"],
  [/(vert|ind)ices$/i, "$1ex"],
  [/(alias|status)(es)?$/i, "$1"],
  [/(octop|vir)(us|i)$/i, "$1us"],
  [/(cris|test)(is|es)$/i, "$1is"],
  [/(shoe)s$/i, "$1"],
  [/(o)es$/i, "$1"],
  [/(bus)(es)?$/i, "$1"],
  [/(x|ch|ss|sh)es$/i, "$1"],
  [/(m)ovies$/i, "$1ovie"],
  [/(s)eries$/i, "$1eries"],
  [/([^aeiouy]|qu)ies$/i, "$1y"],
  [/([lr])ves$/i, "$1f"],
  [/(tive)s$/i, "$1"],
  [/(hive)s$/i, "$1"],
  [/([^f])ves$/i, "$1fe"],
  [/(analy|ba|diagno|parenthe|progno|synop|the)(sis|ses)$/i, "$1sis"],
  [/([ti])a$/i, "$1um"],
  [/(n)ews$/i, "$1ews"],
  [/(ss)$/i, "$1"],
  [/s$/i, ""],
];

const PLURAL_RULES: Array<[RegExp, string]> = [
  [/(quiz)$/i, "$1zes"],
  [/^(oxen)$/i, "$1"],
  [/^(ox)$/i, "$1en"],
  [/(matr|vert|ind)(?:ix|ex)$/i, "$1ices"],
  [/(x|ch|ss|sh)$/i, "$1es"],
  [/([^aeiouy]|qu)y$/i, "$1ies"],
  [/(hive)$/i, "$1s"],
  [/(?:([^f])fe|([lr])f)$/i, "$1$2ves"],
  [/sis$/i, "ses"],
  [/([ti])um$/i, "$1a"],
  [/(buffal|tomat)o$/i, "$1oes"],
  [/(bu)s$/i, "$1ses"],
  [/(alias|status)$/i, "$1es"],
  [/(octop|vir)(?:us|i)$/i, "$1i"],
  [/s$/i, "s"],
  [/$/, "s"],
];

/** The last word of a snake_case or kebab-case name is the one inflected. */
function inflectLastWord(name: string, irregular: (w: string) => string | undefined, rules: Array<[RegExp, string]>): string {
  const m = /^(.*?[_-])?([^_-]*)$/.exec(name)!;
  const head = m[1] ?? "";
  const word = m[2];
  const lower = word.toLowerCase();
  if (!word || UNCOUNTABLE.has(lower)) return name;
  const irr = irregular(lower);
  if (irr) return head + irr;
  for (const [re, replacement] of rules) {
    if (re.test(word)) return head + word.replace(re, replacement);
  }
  return name;
}

export function singularize(name: string): string {
  return inflectLastWord(name, (w) => IRREGULAR.find(([, plural]) => plural === w)?.[0], SINGULAR_RULES);
}

export function pluralize(name: string): string {
  return inflectLastWord(name, (w) => IRREGULAR.find(([singular]) => singular === w)?.[1], PLURAL_RULES);
}
