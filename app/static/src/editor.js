// The code editor: CodeMirror 6 with Python, line numbers, Tab indent, Ctrl/Cmd+Enter to submit, and undo.
// Bundled by esbuild (npm run build) into app/static/dist/editor.js; app.js uses it when present.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { indentWithTab, isolateHistory, undo, undoDepth } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";

function create(textarea, { onSubmit, onChange, nonce = "" } = {}) {
  const submitKeys = keymap.of([{ key: "Mod-Enter", preventDefault: true, run: () => { if (onSubmit) onSubmit(); return true; } }]);
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        EditorView.cspNonce.of(nonce), submitKeys, basicSetup, keymap.of([indentWithTab]), python(), indentUnit.of("    "),
        EditorView.contentAttributes.of({ "aria-label": "Code editor (Tab indents; press Escape then Tab to leave)" }),
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
