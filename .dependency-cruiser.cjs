/** Layer rules: knowledge/ at the bottom, ingest/ on it, bot/ on top; no cycles. `npm run deps`. */
module.exports = {
  forbidden: [
    {
      name: "knowledge-is-the-bottom-layer",
      comment: "knowledge/ must not import from bot/ or ingest/ (move shared code down into knowledge/infra).",
      severity: "error",
      from: { path: "^knowledge/" },
      to: { path: "^(bot|ingest)/" },
    },
    {
      name: "ingest-does-not-import-bot",
      comment: "ingest/ builds on knowledge/ only; what the bot needs to trigger ingest lives in bot/admin.",
      severity: "error",
      from: { path: "^ingest/" },
      to: { path: "^bot/" },
    },
    {
      name: "product-code-does-not-import-tests",
      comment: "bot/, ingest/ and knowledge/ never import from test/.",
      severity: "error",
      from: { path: "^(bot|ingest|knowledge)/" },
      to: { path: "^test/" },
    },
    {
      name: "no-circular",
      comment: "Import cycles make modules impossible to understand or load on their own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)node_modules/|^data/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
