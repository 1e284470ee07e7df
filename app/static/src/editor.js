// The code editor: CodeMirror 6 with Python, line numbers, Tab indent, Ctrl/Cmd+Enter to submit, and undo.
// Bundled by esbuild (npm run build) into app/static/dist/editor.js; app.js uses it when present.
// Syntax colours are CSS variables (--cm-* in style.css), so the same highlighting follows prefers-color-scheme with
// readable contrast in light and dark mode (CodeMirror's default style has 1.5:1 keywords on a dark background).
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { indentWithTab, isolateHistory, undo, undoDepth } from "@codemirror/commands";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--cm-keyword)" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp, tags.escape], color: "var(--cm-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom, tags.constant(tags.name)], color: "var(--cm-constant)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName)), tags.function(tags.propertyName)], color: "var(--cm-function)" },
  { tag: [tags.className, tags.definition(tags.className), tags.typeName, tags.standard(tags.variableName)], color: "var(--cm-type)" },
  { tag: [tags.meta, tags.annotation, tags.self], color: "var(--cm-meta)" },
  { tag: tags.invalid, color: "var(--cm-invalid)" },
]);

function create(textarea, { onSubmit, onChange, nonce = "" } = {}) {
  const submitKeys = keymap.of([{ key: "Mod-Enter", preventDefault: true, run: () => { if (onSubmit) onSubmit(); return true; } }]);
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        EditorView.cspNonce.of(nonce), submitKeys, basicSetup, keymap.of([indentWithTab]), python(), indentUnit.of("    "),
        syntaxHighlighting(highlight),
        // tabindex: axe-core counts a scrolling .cm-scroller as keyboard-reachable only through a focusable child with one.
        EditorView.contentAttributes.of({ "aria-label": "Code editor (Tab indents; press Escape then Tab to leave)", tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) { textarea.value = update.state.doc.toString(); if (onChange) onChange(); }
        }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.insertAdjacentElement("afterend", view.dom);
  return {
    view,
    getValue: () => view.state.doc.toString(),
    // One transaction, its own history event (never merged with typing just before): one Ctrl+Z undoes it.
    setValue: (text) => view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: isolateHistory.of("full"),
    }),
    undo: () => undo(view),
    canUndo: () => undoDepth(view.state) > 0,
    focus: () => view.focus(),
  };
}

window.RankUpEditor = { create };
