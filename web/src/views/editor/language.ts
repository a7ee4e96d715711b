/* The scenario language for Monaco: C as driver authors write it, with the
   kernel and wdkm names highlighted as what they are. Pure data (a Monarch
   grammar); registered by ./monacoSetup.ts. */
import { API, CONSTANT_NAMES, TYPE_NAMES } from './api-catalogue';

export const LANGUAGE_ID = 'wdkm-c';

export const languageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] as [string, string] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ] as [string, string][],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '/*', close: ' */', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
};

export const monarchLanguage = {
  defaultToken: '',
  keywords: [
    'break', 'case', 'const', 'continue', 'default', 'do', 'else', 'enum', 'extern', 'for', 'goto', 'if',
    'return', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'volatile', 'while', 'inline',
  ],
  typeKeywords: ['void', 'char', 'short', 'int', 'long', 'signed', 'unsigned', 'float', 'double', ...TYPE_NAMES],
  apiNames: API.map((e) => e.name),
  constants: CONSTANT_NAMES,
  operators: /[=><!~?:&|+\-*/^%]+/,
  escapes: /\\(?:[abfnrtv\\"'0?]|x[0-9A-Fa-f]+|[0-7]{1,3})/,
  tokenizer: {
    root: [
      [/^\s*#\s*include/, { token: 'keyword.directive', next: '@include' }],
      [/^\s*#\s*[a-z]+/, 'keyword.directive'],
      [
        /[A-Za-z_]\w*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@typeKeywords': 'type',
            '@apiNames': 'predefined',
            '@constants': 'constant',
            'STATUS_[A-Z_0-9]+': 'constant',
            '@default': 'identifier',
          },
        },
      ],
      { include: '@whitespace' },
      [/[{}()[\]]/, '@brackets'],
      [/@operators/, 'operator'],
      [/0[xX][0-9a-fA-F]+[uUlL]*/, 'number.hex'],
      [/\d+[uUlL]*/, 'number'],
      [/[;,.]/, 'delimiter'],
      [/"/, { token: 'string.quote', next: '@string' }],
      [/'(?:@escapes|[^\\'])*'/, 'string'],
    ],
    include: [
      [/\s+/, ''],
      [/<[^>]*>|"[^"]*"/, { token: 'string.include', next: '@pop' }],
      [/./, { token: '', next: '@pop' }],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, { token: 'string.quote', next: '@pop' }],
    ],
  },
};
