// ESLint (typescript-eslint, type-aware) for every TypeScript file the project compiles. Formatting is Prettier's
// job, so no stylistic rules here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: ["node_modules/", "dist/", ".cache/", ".stryker-tmp/", "reports/", "examples/*/node_modules/"],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/consistent-type-imports": "off",
            eqeqeq: ["error", "smart"],
        },
    },
    { files: ["**/*.mjs", "**/*.js"], ...tseslint.configs.disableTypeChecked },
);
