// @ts-check
// Lint: ESLint's and typescript-eslint's recommended rules, plus the two type-aware rules that
// catch promises nobody awaits (a write that silently never finishes, an async handler whose error
// is lost). Formatting is Prettier's job (eslint-config-prettier turns off the rules it owns).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

const ONE_PATH_BUILDER = {
  selector: "TemplateLiteral[quasis.0.value.raw=/^\\/orgs\\//]",
  message: "Build page paths with orgPath/projectPath/itemPath from lib/projects/paths.ts.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "data/**",
      ".e2e-data/**",
      ".waypoint/**",
      "test/fixtures/**",
      "test-results/**",
      "playwright-report/**",
      "bin/waypoint-cli.mjs",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Validators and parsers match control bytes on purpose (NUL in a path, C0 in a header).
      "no-control-regex": "off",
      // `let x = null; try { x = … } catch { … }` reads better than a definite-assignment dance.
      "no-useless-assignment": "off",
      // A timer or handle read by a closure declared before it is set (clearTimeout in a callback).
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The layers (ARCHITECTURE.md): app/ uses components/ and lib/; never the other way round.
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "**/app/*"], message: "lib/ and components/ do not import from app/: take server actions as props, put logic in lib/." },
          ],
        },
      ],
    },
  },
  {
    // One builder of page paths (lib/projects/paths.ts): no hand-written `/orgs/${…}` elsewhere.
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/projects/paths.ts"],
    rules: { "no-restricted-syntax": ["error", ONE_PATH_BUILDER] },
  },
  {
    // app/ is thin: pages, actions and route handlers call lib/; the database is queried there only.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ONE_PATH_BUILDER,
        {
          selector: "CallExpression > MemberExpression.callee > MemberExpression.object > Identifier.object[name=/^(db|tx|prisma)$/]",
          message: "Pages, actions and handlers do not query: call a loader or domain function in lib/.",
        },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
