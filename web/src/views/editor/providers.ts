/* Completion, hover and go-to-definition for the scenario language: the API
   catalogue for kernel and wdkm names, a declaration scan for the user's own. */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { API, CONSTANT_NAMES, describeApi, lookupApi, TYPE_NAMES } from './api-catalogue';
import { findDefinition, scanDeclarations } from './declarations';
import { LANGUAGE_ID } from './language';

type MonacoApi = typeof Monaco;

export function registerProviders(monaco: MonacoApi): void {
  const { CompletionItemKind, CompletionItemInsertTextRule } = monaco.languages;

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const api = API.map((entry) => ({
        label: entry.name,
        kind: entry.kind === 'macro' ? CompletionItemKind.Snippet : CompletionItemKind.Function,
        detail: `IRQL ${entry.irql} · ${entry.header}`,
        documentation: { value: describeApi(entry) },
        insertText: entry.signature.includes('(') ? `${entry.name}($0)` : entry.name,
        insertTextRules: CompletionItemInsertTextRule.InsertAsSnippet,
        range,
      }));
      const types = TYPE_NAMES.map((name) => ({ label: name, kind: CompletionItemKind.Class, insertText: name, range }));
      const constants = CONSTANT_NAMES.map((name) => ({ label: name, kind: CompletionItemKind.Constant, insertText: name, range }));
      const seen = new Set<string>([...API.map((e) => e.name), ...TYPE_NAMES, ...CONSTANT_NAMES]);
      const own = scanDeclarations(model.getValue())
        .filter((d) => !seen.has(d.name) && seen.add(d.name))
        .map((d) => ({
          label: d.name,
          kind: d.kind === 'function' || d.kind === 'prototype' ? CompletionItemKind.Function : CompletionItemKind.Variable,
          detail: `${d.kind}, line ${d.line}`,
          insertText: d.name,
          range,
        }));
      return { suggestions: [...api, ...types, ...constants, ...own] };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const entry = lookupApi(word.word);
      if (entry) return { range, contents: [{ value: describeApi(entry) }] };
      const decl = findDefinition(scanDeclarations(model.getValue()), word.word, position.lineNumber);
      if (!decl) return null;
      const text = model.getLineContent(decl.line).trim();
      return { range, contents: [{ value: `${decl.kind} declared at line ${decl.line}` }, { value: '```c\n' + text + '\n```' }] };
    },
  });

  monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
    provideDefinition(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const decl = findDefinition(scanDeclarations(model.getValue()), word.word, position.lineNumber);
      if (!decl) return null;
      return {
        uri: model.uri,
        range: new monaco.Range(decl.line, decl.col, decl.line, decl.col + decl.name.length),
      };
    },
  });
}
