// ESLint: typescript-eslint's recommended rules plus the type-aware ones that catch promises nobody
// awaits or handles (a lost reply, an unhandled rejection). Formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", ".scratch/", "**/*.cjs", "test/acceptance/"] },
  {
    // The console's small browser script (served as is, no build step).
    files: ["bot/console/static/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        [
          "window",
          "document",
          "location",
          "fetch",
          "EventSource",
          "setInterval",
          "clearInterval",
          "setTimeout",
          "getComputedStyle",
          "Chart",
        ].map((g) => [g, "readonly"]),
      ),
    },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      "@typescript-eslint/await-thenable": "error",
      // `let x; const f = () => x?.y(); x = make(f)` is how two objects that need each other are wired.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
);
