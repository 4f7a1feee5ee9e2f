import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import vue from 'eslint-plugin-vue';

/** Where code may run: the engine never touches Electron, shared code touches neither Node nor DOM. */
const layerRules = [
  {
    files: ['src/main/engine/**/*.ts', 'src/plugins/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The engine runs without Electron.' }] },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared crosses processes: no Electron.' }],
          patterns: [
            { group: ['node:*'], message: 'src/shared runs in the renderer too: no Node APIs.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'src/shared depends on nothing.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/**/*.{ts,vue}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches Electron only via the API.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser too: no Node APIs.' },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks only to the API.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test/fixtures'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: globals.browser },
    rules: {
      // TypeScript already knows every name; single-word names (Counters) read fine here.
      'no-undef': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  { files: ['bin/**/*.js', 'scripts/**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-len': [
        'error',
        {
          code: 100,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreRegExpLiterals: true,
          ignoreTemplateLiterals: true,
        },
      ],
    },
  },
  ...layerRules,
  prettier,
);
