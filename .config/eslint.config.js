// ESLint flat config (kept under .config/ because the top level holds only the files the design card lists;
// `npm run lint` passes it with --config). Formatting is Prettier's job, so stylistic rules are off.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", "build*/", "public/build/", ".cache/", "data/", "test/.tmp/", "app/styles/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // Unused names are mistakes, except deliberately ignored ones written with a leading underscore.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", prefer: "type-imports" },
      ],
      "no-control-regex": "off", // hostile-input filters match control characters on purpose
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Code that reaches the browser takes only types from ~/i18n: its runtime holds both languages'
    // catalogs (~50 KB gzipped). Translate with ~/i18n/translate (see app/README.md).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/i18n/**", "app/scripts/**", "app/seed/**", "app/entry.server.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/i18n",
              allowTypeImports: true,
              message: "Browser code imports runtime i18n from ~/i18n/translate.",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
