/* Completion, signature help, hover, go-to-definition and the "did you mean"
   quick fix for the scenario language: the API catalogue for kernel and wdkm
   names, a declaration scan for the user's own. */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { API, CONSTANT_NAMES, describeApi, lookupApi, TYPE_NAMES } from './api-catalogue';
import { activeCall, completionText, parametersOf, suggestedName } from './assist';
import { findDefinition, scanDeclarations } from './declarations';
import { LANGUAGE_ID } from './language';

type MonacoApi = typeof Monaco;

export function registerProviders(monaco: MonacoApi): void {
  const { CompletionItemKind, CompletionItemInsertTextRule } = monaco.languages;

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      // The whole word under the cursor is replaced, and what follows it decides
      // whether the routine's parentheses are inserted (never twice).
      const word = model.getWordAtPosition(position) ?? model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const after = model.getLineContent(position.lineNumber).slice(word.endColumn - 1);
      const api = API.map((entry) => ({
        label: entry.name,
        kind: entry.kind === 'macro' ? CompletionItemKind.Snippet : CompletionItemKind.Function,
        detail: `IRQL ${entry.irql} · ${entry.header}`,
        documentation: { value: describeApi(entry) },
        insertText: completionText(entry, after),
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

  monaco.languages.registerSignatureHelpProvider(LANGUAGE_ID, {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [')'],
    provideSignatureHelp(model, position) {
      const before = model.getValueInRange(new monaco.Range(Math.max(1, position.lineNumber - 20), 1, position.lineNumber, position.column));
      const call = activeCall(before);
      const entry = call && lookupApi(call.name);
      const params = entry && parametersOf(entry);
      if (!call || !entry || !params) return null;
      return {
        value: {
          signatures: [{
            label: entry.signature,
            documentation: { value: `**IRQL:** ${entry.irql} · *${entry.header}*\n\n${entry.doc}` },
            parameters: params.map((label) => ({ label })),
          }],
          activeSignature: 0,
          activeParameter: Math.min(call.argument, Math.max(0, params.length - 1)),
        },
        dispose() {},
      };
    },
  });

  monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
    provideCodeActions(model, _range, context) {
      const actions = context.markers.flatMap((marker) => {
        const name = suggestedName(marker.message);
        const word = name && model.getWordAtPosition({ lineNumber: marker.startLineNumber, column: marker.startColumn });
        if (!name || !word) return [];
        const range = new monaco.Range(marker.startLineNumber, word.startColumn, marker.startLineNumber, word.endColumn);
        return [{
          title: `Change to '${name}'`,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: { edits: [{ resource: model.uri, textEdit: { range, text: name }, versionId: model.getVersionId() }] },
        }];
      });
      return { actions, dispose() {} };
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
