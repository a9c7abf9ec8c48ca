// ESLint: the JavaScript and TypeScript recommended rules on all our code. The layers
// (routes → features → db → lib) and the absence of circles are checked by
// dependency-cruiser (.dependency-cruiser.cjs); both run in `npm run lint`, part of `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", ".react-router/", "node_modules/", "data/", "drizzle/", "test-results/", "public/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": ["error", { selector: "TSAsExpression > TSAsExpression[typeAnnotation.type='TSUnknownKeyword'] > Identifier[name='tx']", message: "A transaction satisfies Db: pass tx, no cast." }],
    },
  },
  {
    // decisions/008-time.md: the hand-written zone code stays (3.5–24× faster on the open-now path, nothing for the browser to load).
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "temporal-polyfill", message: "Zoned time goes through app/features/time (decisions/008-time.md)." }] }] },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
);
