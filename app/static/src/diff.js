// Line diffs for "Diff with current": jsdiff's diffLines, bundled by esbuild (npm run build) into
// app/static/dist/diff.js; app.js uses it when present.
import { diffLines } from "diff";

// [{ value, added, removed }], each part holding whole lines, in order.
window.RankUpDiff = { lines: (before, after) => diffLines(before, after) };
